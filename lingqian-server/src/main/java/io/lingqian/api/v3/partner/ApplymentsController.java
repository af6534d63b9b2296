package io.lingqian.api.v3.partner;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.merchant.Actor;
import io.lingqian.partner.Applyment;
import io.lingqian.partner.ApplymentForm;
import io.lingqian.partner.ApplymentRefusal;
import io.lingqian.partner.Applyments;
import io.lingqian.partner.ServiceProviders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sub-merchant onboarding by API (特约商户进件, WxJava's {@code Applyment4SubService}): submit, and query
 * by business_code or applyment_id. Only an active service provider may call them, and it reaches only
 * its own applications. Sensitive fields are decrypted with the platform key the request's
 * {@code Wechatpay-Serial} names.
 */
@RestController
@RequestMapping("/v3/applyment4sub/applyment")
class ApplymentsController {

    private final Applyments applyments;
    private final ServiceProviders providers;
    private final PlatformKeys platformKeys;
    private final JsonMapper json;

    ApplymentsController(Applyments applyments, ServiceProviders providers, PlatformKeys platformKeys,
            JsonMapper json) {
        this.applyments = applyments;
        this.providers = providers;
        this.platformKeys = platformKeys;
        this.json = json;
    }

    @PostMapping("/")
    Map<String, Long> submit(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
            @RequestBody(required = false) byte[] body) {
        // A direct merchant is told so before its body is read: it cannot onboard anyone.
        if (!providers.isActiveProvider(caller.merchantId())) {
            throw new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH,
                    "this merchant is not a service provider; only a service provider submits sub-merchant applications");
        }
        String keyName = keyName(serial);
        ApplymentForm form = ApplymentRequest.read(body, json,
                ciphertext -> platformKeys.decrypt(keyName, ciphertext).orElse(null));
        Actor actor = Actor.system("applyment API, sp_mchid " + caller.mchid());
        Applyment applyment;
        try {
            applyment = refusals(() -> applyments.submit(caller.merchantId(), form, actor));
        } catch (DuplicateKeyException concurrentSameCode) {
            // Another request opened the same business_code between our check and our insert, and ours was
            // rolled back whole: asked again, it is answered like any repeat (same id, or INVALID_REQUEST).
            applyment = refusals(() -> applyments.submit(caller.merchantId(), form, actor));
        }
        return Map.of("applyment_id", applyment.applymentId());
    }

    @GetMapping("/business_code/{businessCode}")
    ApplymentView byBusinessCode(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String businessCode) {
        if (!ApplymentRequest.BUSINESS_CODE.matcher(businessCode).matches()) {
            throw V3Error.paramError("business_code must be 1 to 124 letters, digits, _ or -");
        }
        return view(refusals(() -> applyments.byBusinessCode(caller.merchantId(), businessCode)));
    }

    @GetMapping("/applyment_id/{applymentId}")
    ApplymentView byApplymentId(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String applymentId) {
        if (!applymentId.matches("\\d{1,18}")) {
            throw V3Error.paramError("applyment_id must be digits");
        }
        return view(refusals(() -> applyments.byApplymentId(caller.merchantId(), Long.parseLong(applymentId))));
    }

    /** The 特约商户 query answer (WxJava's {@code ApplymentStateQueryResult}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApplymentView(@JsonProperty("business_code") String businessCode,
                         @JsonProperty("applyment_id") long applymentId, @JsonProperty("sub_mchid") String subMchid,
                         @JsonProperty("sign_url") String signUrl,
                         @JsonProperty("applyment_state") String applymentState,
                         @JsonProperty("applyment_state_msg") String applymentStateMsg,
                         @JsonProperty("audit_detail") List<AuditDetail> auditDetail) {
    }

    record AuditDetail(String field, @JsonProperty("field_name") String fieldName,
                       @JsonProperty("reject_reason") String rejectReason) {
    }

    private static ApplymentView view(Applyment a) {
        String signUrl = a.signToken().map(token -> ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/merchant/applyment/sign/{token}").buildAndExpand(token).toUriString()).orElse(null);
        List<AuditDetail> details = a.auditDetails().stream()
                .map(d -> new AuditDetail(d.field(), d.fieldName(), d.rejectReason())).toList();
        return new ApplymentView(a.businessCode(), a.applymentId(), a.subMchid().orElse(null), signUrl,
                a.state().wireCode(), a.state().message(), details.isEmpty() ? null : details);
    }

    /**
     * The key {@code Wechatpay-Serial} names. WxJava in public-key mode sends the key id's digits read
     * as a hexadecimal number ({@code PUB_KEY_ID_0114…} arrives as {@code 114…}); that form is
     * accepted for the key it came from, so the SDK works unchanged.
     */
    private String keyName(String serial) {
        if (serial == null || serial.isBlank()) {
            return serial;
        }
        for (PlatformKey key : platformKeys.active()) {
            String digits = key.publicKeyId().substring(PlatformKeys.PUBLIC_KEY_ID_PREFIX.length())
                    .replaceFirst("^0+", "");
            if (!serial.equalsIgnoreCase(key.serialNo()) && !serial.equals(key.publicKeyId())
                    && serial.equalsIgnoreCase(digits)) {
                return key.publicKeyId();
            }
        }
        return serial;
    }

    /**
     * The applyment refusals in WeChat Pay's codes: a caller that is not a service provider is
     * {@code NO_AUTH} (403); an application of another provider, or none, {@code NOT_FOUND} (404); a
     * business_code already used with other content {@code INVALID_REQUEST} (400); a field against the
     * application's rules {@code PARAM_ERROR} (400) naming it.
     */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApplymentRefusal r) {
            throw switch (r.reason()) {
                case NOT_A_PROVIDER -> new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, r.getMessage());
                case NOT_FOUND -> new V3Error(HttpStatus.NOT_FOUND, V3Error.NOT_FOUND, r.getMessage());
                case BUSINESS_CODE_USED -> V3Error.invalidRequest(r.getMessage());
                case INVALID_FIELD -> V3Error.paramError(r.getMessage());
            };
        }
    }
}
