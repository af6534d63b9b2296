package io.lingqian.api.v3.partner;

import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.merchant.OpenIds;
import io.lingqian.partner.PartnerOrder;
import io.lingqian.partner.PartnerOrders;
import io.lingqian.partner.PartnerRefusal;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.TradeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders in partner mode (reference §3.9): prepay for the four scenes, query by
 * {@code transaction_id} or {@code out_trade_no} with {@code sp_mchid} and {@code sub_mchid}, and
 * close. The signer must be an active service provider and the sub_mchid one of its own
 * sub-merchants; an order of a sub-merchant the provider did not place is not found.
 */
@RestController
@RequestMapping("/v3/pay/partner/transactions")
class PartnerTransactionsController {

    private static final Pattern TRANSACTION_ID = Pattern.compile("\\d{1,32}");

    private final ServiceProviders providers;
    private final PartnerOrders partnerOrders;
    private final PaymentOrders orders;
    private final OpenIds openIds;
    private final JsonMapper json;

    PartnerTransactionsController(ServiceProviders providers, PartnerOrders partnerOrders, PaymentOrders orders,
            OpenIds openIds, JsonMapper json) {
        this.providers = providers;
        this.partnerOrders = partnerOrders;
        this.orders = orders;
        this.openIds = openIds;
        this.json = json;
    }

    @PostMapping("/native")
    Map<String, String> nativePrepay(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        return Map.of("code_url", prepay(caller, TradeType.NATIVE, body).codeUrl());
    }

    @PostMapping("/jsapi")
    Map<String, String> jsapiPrepay(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        return Map.of("prepay_id", prepay(caller, TradeType.JSAPI, body).prepayId());
    }

    @PostMapping("/app")
    Map<String, String> appPrepay(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        return Map.of("prepay_id", prepay(caller, TradeType.APP, body).prepayId());
    }

    @PostMapping("/h5")
    Map<String, String> h5Prepay(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        String prepayId = prepay(caller, TradeType.MWEB, body).prepayId();
        return Map.of("h5_url", ServletUriComponentsBuilder.fromCurrentContextPath().path("/wallet/cashier")
                .queryParam("prepay_id", prepayId).build().toUriString());
    }

    private PaymentOrder prepay(MerchantApiCaller caller, TradeType type, byte[] body) {
        PartnerPrepay p = PartnerPrepay.read(type, body, json, caller);
        SubMerchant sub = refusals(() -> providers.actingFor(caller.merchantId(), p.subMchid()));
        refusals(() -> {
            providers.requireAppids(caller.merchantId(), p.spAppid(), sub, p.subAppid());
            return null;
        });
        // The payer's openid decides the order's appid: the cashier checks the payer against it.
        boolean bySubOpenid = p.subOpenid() != null;
        String appid = bySubOpenid ? p.subAppid() : p.spAppid();
        String openid = bySubOpenid ? p.subOpenid() : p.spOpenid();
        if (type == TradeType.JSAPI && openIds.userOf(appid, openid).isEmpty()) {
            throw new V3Error(HttpStatus.BAD_REQUEST, "OPENID_MISMATCH", (bySubOpenid ? "payer.sub_openid" :
                    "payer.sp_openid") + " does not belong to " + (bySubOpenid ? "sub_appid " : "sp_appid ") + appid);
        }
        NewOrder order = new NewOrder(type, appid, p.subMchid(), p.description(), p.outTradeNo(), p.timeExpire(),
                p.attach(), null, p.goodsTag(), p.total(), "CNY", type == TradeType.JSAPI ? openid : null,
                p.clientIp(), p.deviceId(), p.digest());
        return refusals(() -> partnerOrders.prepay(sub, p.spAppid(), p.subAppid(), p.notifyUrl(), order));
    }

    @GetMapping("/id/{transactionId}")
    PartnerTransaction byTransactionId(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String transactionId, @RequestParam("sp_mchid") String spMchid,
            @RequestParam("sub_mchid") String subMchid) {
        caller.requireMchid(spMchid);
        if (!TRANSACTION_ID.matcher(transactionId).matches()) {
            throw V3Error.paramError("transaction_id must be digits");
        }
        SubMerchant sub = refusals(() -> providers.actingFor(caller.merchantId(), subMchid));
        PaymentOrder order = refusals(() -> orders.byTransactionId(sub.merchantId(), transactionId));
        return view(caller, order, placedByCaller(caller, sub, order.outTradeNo(), transactionId));
    }

    @GetMapping("/out-trade-no/{outTradeNo}")
    PartnerTransaction byOutTradeNo(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outTradeNo,
            @RequestParam("sp_mchid") String spMchid, @RequestParam("sub_mchid") String subMchid) {
        caller.requireMchid(spMchid);
        requireOutTradeNo(outTradeNo);
        SubMerchant sub = refusals(() -> providers.actingFor(caller.merchantId(), subMchid));
        PartnerOrder partner = placedByCaller(caller, sub, outTradeNo, outTradeNo);
        return view(caller, refusals(() -> orders.byOutTradeNo(sub.merchantId(), outTradeNo)), partner);
    }

    /** 204 without a body; the body carries sp_mchid and sub_mchid. */
    @PostMapping("/out-trade-no/{outTradeNo}/close")
    ResponseEntity<Void> close(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outTradeNo,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        caller.requireMchid(o.requiredString("sp_mchid", 32));
        String subMchid = o.requiredString("sub_mchid", 32);
        requireOutTradeNo(outTradeNo);
        SubMerchant sub = refusals(() -> providers.actingFor(caller.merchantId(), subMchid));
        placedByCaller(caller, sub, outTradeNo, outTradeNo);
        refusals(() -> orders.close(sub.merchantId(), outTradeNo));
        return ResponseEntity.noContent().build();
    }

    private PartnerOrder placedByCaller(MerchantApiCaller caller, SubMerchant sub, String outTradeNo, String shown) {
        return partnerOrders.partnerSide(sub.merchantId(), outTradeNo)
                .filter(p -> p.providerId() == caller.merchantId())
                .orElseThrow(() -> new V3Error(HttpStatus.NOT_FOUND, "ORDER_NOT_EXIST",
                        "order " + shown + " does not exist"));
    }

    private PartnerTransaction view(MerchantApiCaller caller, PaymentOrder order, PartnerOrder partner) {
        return PartnerTransaction.of(order, partner, caller.mchid(), openIds);
    }

    private static void requireOutTradeNo(String outTradeNo) {
        if (!PartnerPrepay.OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw V3Error.paramError("out_trade_no must be 6 to 32 letters, digits or _-|*");
        }
    }

    /**
     * The partner and payment refusals in WeChat Pay's codes: acting for a sub-merchant that is not
     * the caller's, or calling as anything but a provider, is {@code NO_AUTH} (403); a foreign appid
     * is {@code APPID_MCHID_NOT_MATCH} (400); the order rules answer as in direct mode.
     */
    static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (PartnerRefusal r) {
            throw switch (r.reason()) {
                case NOT_A_PROVIDER, NOT_OWN_SUB_MERCHANT -> new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH,
                        r.getMessage());
                case APPID_MISMATCH -> new V3Error(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", r.getMessage());
            };
        } catch (PaymentRefusal r) {
            throw switch (r.reason()) {
                case APPID_MCHID_NOT_MATCH -> new V3Error(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", r.getMessage());
                case OPENID_MISMATCH -> new V3Error(HttpStatus.BAD_REQUEST, "OPENID_MISMATCH", r.getMessage());
                case OUT_TRADE_NO_USED -> new V3Error(HttpStatus.FORBIDDEN, "OUT_TRADE_NO_USED", r.getMessage());
                case ORDER_PAID -> new V3Error(HttpStatus.BAD_REQUEST, "ORDERPAID", r.getMessage());
                case ORDER_CLOSED -> new V3Error(HttpStatus.BAD_REQUEST, "ORDER_CLOSED", r.getMessage());
                case ORDER_NOT_EXIST -> new V3Error(HttpStatus.NOT_FOUND, "ORDER_NOT_EXIST", r.getMessage());
                case RULE_LIMIT -> new V3Error(HttpStatus.FORBIDDEN, "RULE_LIMIT", r.getMessage());
            };
        }
    }
}
