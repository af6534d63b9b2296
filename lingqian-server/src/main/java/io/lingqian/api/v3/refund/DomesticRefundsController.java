package io.lingqian.api.v3.refund;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.partner.PartnerRefunds;
import io.lingqian.partner.PartnerRefusal;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.payment.AbnormalRefundTarget;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundDestination;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.Refunds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Domestic refunds in WeChat Pay's direct-merchant mode (reference §3.5–3.7): create, query by
 * {@code out_refund_no}, and re-apply an abnormal refund. Every call works on the signing merchant's
 * own orders and refunds only; another merchant's is simply not found.
 */
@RestController
@RequestMapping("/v3/refund/domestic/refunds")
class DomesticRefundsController {

    private static final Set<String> ABNORMAL_TYPES = Set.of("USER_BANK_CARD", "MERCHANT_BANK_CARD");

    private final Refunds refunds;
    private final ServiceProviders providers;
    private final PartnerRefunds partnerRefunds;
    private final PlatformKeys platformKeys;
    private final JsonMapper json;

    DomesticRefundsController(Refunds refunds, ServiceProviders providers, PartnerRefunds partnerRefunds,
            PlatformKeys platformKeys, JsonMapper json) {
        this.refunds = refunds;
        this.providers = providers;
        this.partnerRefunds = partnerRefunds;
        this.platformKeys = platformKeys;
        this.json = json;
    }

    /** With {@code sub_mchid}, a service provider refunds an order of one of its sub-merchants (partner mode). */
    @PostMapping
    RefundView create(@AuthenticationPrincipal MerchantApiCaller caller, @RequestBody(required = false) byte[] body) {
        var request = RefundReader.read(body, json);
        String subMchid = JsonFields.parse(body, json).root().optionalString("sub_mchid", 32);
        if (subMchid != null && !subMchid.isEmpty()) {
            // Partner mode: the REFUND.* notification goes to the provider in the partner shape
            SubMerchant sub = actingFor(caller, subMchid);
            return view(refusals(() -> partnerRefunds.refund(sub, request)));
        }
        return view(refusals(() -> refunds.refund(caller.merchantId(), request)));
    }

    @GetMapping("/{outRefundNo}")
    RefundView byOutRefundNo(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outRefundNo,
            @RequestParam(name = "sub_mchid", required = false) String subMchid) {
        if (!RefundReader.OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw V3Error.paramError("out_refund_no must be 1 to 64 letters, digits or _-|*@");
        }
        long merchantId = refundingMerchant(caller, subMchid);
        return view(refusals(() -> refunds.byOutRefundNo(merchantId, outRefundNo)));
    }

    /** The caller itself, or the sub-merchant a service provider names (403 NO_AUTH unless its own). */
    private long refundingMerchant(MerchantApiCaller caller, String subMchid) {
        if (subMchid == null || subMchid.isEmpty()) {
            return caller.merchantId();
        }
        return actingFor(caller, subMchid).merchantId();
    }

    private SubMerchant actingFor(MerchantApiCaller caller, String subMchid) {
        try {
            return providers.actingFor(caller.merchantId(), subMchid);
        } catch (PartnerRefusal r) {
            throw new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, r.getMessage());
        }
    }

    /**
     * §3.7. The encrypted {@code bank_account} and {@code real_name} are decrypted with the platform key
     * the {@code Wechatpay-Serial} header names, to refuse what could not be read; they are not kept.
     */
    @PostMapping("/{refundId}/apply-abnormal-refund")
    RefundView applyAbnormalRefund(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String refundId,
            @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
            @RequestBody(required = false) byte[] body) {
        if (!RefundReader.REFUND_ID.matcher(refundId).matches()) {
            throw V3Error.paramError("refund_id must be digits");
        }
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        String outRefundNo = o.matching("out_refund_no", RefundReader.OUT_REFUND_NO,
                "1 to 64 letters, digits or _-|*@", true);
        String type = o.requiredString("type", 32);
        if (!ABNORMAL_TYPES.contains(type)) {
            throw V3Error.paramError("type must be USER_BANK_CARD or MERCHANT_BANK_CARD");
        }
        boolean userCard = type.equals("USER_BANK_CARD");
        String bankType = userCard ? o.requiredString("bank_type", 16) : o.optionalString("bank_type", 16);
        String cardNumber = null;
        for (String field : new String[] {"bank_account", "real_name"}) {
            String encrypted = userCard ? o.requiredString(field, 1024) : o.optionalString(field, 1024);
            java.util.Optional<String> plain = encrypted == null ? java.util.Optional.empty()
                    : platformKeys.decrypt(serial, encrypted);
            if (encrypted != null && plain.isEmpty()) {
                throw V3Error.paramError(field + " could not be decrypted with the platform key named by "
                        + "Wechatpay-Serial (RSA/ECB/OAEPWithSHA-1AndMGF1Padding, base64)");
            }
            if (field.equals("bank_account") && userCard) {
                cardNumber = plain.orElseThrow();
            }
        }
        AbnormalRefundTarget target = new AbnormalRefundTarget(userCard ? RefundDestination.USER_BANK_CARD
                : RefundDestination.MERCHANT_BANK_CARD, cardNumber);
        return view(refusals(() -> refunds.reapplyAbnormal(caller.merchantId(), refundId, outRefundNo, target)));
    }

    private RefundView view(Refund refund) {
        return RefundView.of(refund, refunds.discountShares(refund));
    }

    /** The refund rules' refusals in WeChat Pay's codes and statuses (docs/payments.md, "Refunds"). */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (RefundRefusal r) {
            throw switch (r.reason()) {
                case NOT_FOUND -> new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", r.getMessage());
                case INVALID -> V3Error.invalidRequest(r.getMessage());
                case MERCHANT_BALANCE_SHORT -> new V3Error(HttpStatus.FORBIDDEN, "NOT_ENOUGH", r.getMessage());
                case PAYER_ACCOUNT_CLOSED -> new V3Error(HttpStatus.FORBIDDEN, "USER_ACCOUNT_ABNORMAL", r.getMessage());
                case BANK_CHANNEL_UNAVAILABLE -> new V3Error(HttpStatus.INTERNAL_SERVER_ERROR, "SYSTEM_ERROR",
                        r.getMessage() + "; retry later with the same out_refund_no");
            };
        }
    }
}
