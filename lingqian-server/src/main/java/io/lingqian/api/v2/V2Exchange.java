package io.lingqian.api.v2;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.payment.PaymentCodeRefusal;

/**
 * One v2 request and its answer. Communication failures (the body is not a v2 message, the merchant
 * is unknown or has no v2 key, the signature does not verify) are answered with
 * {@code return_code=FAIL} and a {@code return_msg}, unsigned: nothing proves who asked. Everything
 * after a verified signature is answered {@code return_code=SUCCESS}, signed with the merchant's key
 * and the request's sign type, with {@code result_code} and, on failure, {@code err_code} and
 * {@code err_code_des}.
 */
@Component
class V2Exchange {

    private static final Logger log = LoggerFactory.getLogger(V2Exchange.class);
    static final MediaType XML = new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A request whose signature verified. */
    record Call(Merchant merchant, Map<String, String> fields, V2SignType signType, String key, Dialect dialect) {

        /** The app the call names, under whichever name the call uses for it. */
        String appid() {
            return required(dialect.appidField());
        }

        String mchid() {
            return merchant.mchid().orElseThrow();
        }

        /** The value, or null when absent or empty. */
        String get(String name) {
            String value = fields.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        String required(String name) {
            String value = get(name);
            if (value == null) {
                throw new Refused("LACK_PARAMS", "缺少参数 " + name);
            }
            return value;
        }
    }

    /** A business refusal after the signature verified: a signed {@code result_code=FAIL}. */
    static final class Refused extends RuntimeException {

        private final String errCode;
        private final Map<String, String> extra;

        Refused(String errCode, String description) {
            this(errCode, description, Map.of());
        }

        Refused(String errCode, String description, Map<String, String> extra) {
            super(description, null, false, false);
            this.errCode = errCode;
            this.extra = extra;
        }
    }

    private final MerchantAccounts merchants;
    private final MerchantCredentials credentials;
    private final MerchantApps apps;
    private final SecureRandom random = new SecureRandom();

    V2Exchange(MerchantAccounts merchants, MerchantCredentials credentials, MerchantApps apps) {
        this.merchants = merchants;
        this.credentials = credentials;
        this.apps = apps;
    }

    /**
     * How a family of v2 calls differs: the names of its app and merchant fields ({@code appid} and
     * {@code mch_id} in most calls; {@code mch_appid} and {@code mchid} in the enterprise payment 企业付款,
     * {@code wxappid} in the red-packet sends), which the answer repeats under the same names, and whether
     * it is signed the way WxJava signs the red-packet calls (always MD5, {@code sign_type} sent but left
     * out of the signed string).
     */
    record Dialect(String appidField, String mchidField, boolean md5WithoutSignType) {
        static final Dialect PAYMENT = new Dialect("appid", "mch_id", false);
        static final Dialect ENTERPRISE_PAYMENT = new Dialect("mch_appid", "mchid", false);
    }

    ResponseEntity<String> handle(byte[] body, Function<Call, Map<String, String>> action) {
        return handle(body, Dialect.PAYMENT, action);
    }

    /**
     * Parses and authenticates the request, runs {@code action} (which returns the business fields of a
     * successful answer, or throws {@link Refused} / {@link PaymentCodeRefusal}), and writes the answer.
     * A field's value may be a {@link V2Xml.Items} list.
     */
    ResponseEntity<String> handle(byte[] body, Dialect dialect, Function<Call, ? extends Map<String, ?>> action) {
        Map<String, String> fields;
        try {
            fields = V2Xml.parse(body);
        } catch (V2Xml.Malformed e) {
            return communicationFailure(e.getMessage());
        }
        String mchid = fields.get(dialect.mchidField());
        if (mchid == null || mchid.isEmpty()) {
            return communicationFailure("LACK_PARAMS: " + dialect.mchidField());
        }
        Optional<Merchant> merchant = merchants.merchantByMchid(mchid);
        if (merchant.isEmpty()) {
            return communicationFailure("MCHID_NOT_EXIST: no merchant with mch_id " + mchid);
        }
        Optional<String> key = credentials.apiV2Key(merchant.get().id());
        if (key.isEmpty()) {
            return communicationFailure("SIGNERROR: this merchant has no v2 API key; set one in the merchant portal");
        }
        Optional<V2SignType> signType = dialect.md5WithoutSignType() ? Optional.of(V2SignType.MD5)
                : V2SignType.of(fields.get("sign_type"));
        if (signType.isEmpty()) {
            return communicationFailure("PARAM_ERROR: sign_type is MD5 or HMAC-SHA256");
        }
        Map<String, String> signed = fields;
        if (dialect.md5WithoutSignType()) {
            signed = new LinkedHashMap<>(fields);
            signed.remove("sign_type");
        }
        if (!signType.get().verify(signed, key.get(), fields.get("sign"))) {
            return communicationFailure("签名错误");
        }
        Call call = new Call(merchant.get(), fields, signType.get(), key.get(), dialect);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("return_code", "SUCCESS");
        answer.put("return_msg", "OK");
        if (call.get(dialect.appidField()) != null) {
            answer.put(dialect.appidField(), call.get(dialect.appidField()));
        }
        answer.put(dialect.mchidField(), mchid);
        if (call.get("device_info") != null) {
            answer.put("device_info", call.get("device_info"));
        }
        answer.put("nonce_str", nonce());
        try {
            if (merchant.get().status() != MerchantStatus.ACTIVE) {
                throw new Refused("NOAUTH", "商户无此接口权限: the merchant is not active");
            }
            String appid = call.appid();
            if (!apps.isBound(appid, mchid)) {
                throw new Refused("APPID_MCHID_NOT_MATCH", "appid " + appid + " is not bound to mch_id " + mchid);
            }
            call.required("nonce_str");
            if (call.fields().get("nonce_str").length() > 32) {
                throw new Refused("PARAM_ERROR", "nonce_str is at most 32 characters");
            }
            Map<String, ?> result = action.apply(call);
            answer.put("result_code", "SUCCESS");
            answer.putAll(result);
        } catch (Refused r) {
            fail(answer, r.errCode, r.getMessage());
            answer.putAll(r.extra);
        } catch (PaymentCodeRefusal r) {
            fail(answer, r.reason().name(), r.getMessage());
        } catch (RuntimeException unexpected) {
            log.error("v2 request of mch_id {} failed", mchid, unexpected);
            fail(answer, "SYSTEMERROR", "系统错误: try again, or query the order");
        }
        answer.put("sign", signType.get().sign(V2Xml.signable(answer), key.get()));
        return ResponseEntity.ok().contentType(XML).body(V2Xml.write(answer));
    }

    private static void fail(Map<String, Object> answer, String errCode, String description) {
        answer.put("result_code", "FAIL");
        answer.put("err_code", errCode);
        answer.put("err_code_des", description == null ? errCode : description);
    }

    private static ResponseEntity<String> communicationFailure(String message) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("return_code", "FAIL");
        answer.put("return_msg", message);
        return ResponseEntity.ok().contentType(XML).body(V2Xml.write(answer));
    }

    private String nonce() {
        StringBuilder nonce = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            nonce.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return nonce.toString();
    }
}
