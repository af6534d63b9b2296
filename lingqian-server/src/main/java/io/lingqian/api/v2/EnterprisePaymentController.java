package io.lingqian.api.v2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.payout.NewPayout;
import io.lingqian.payout.Payout;
import io.lingqian.payout.PayoutRefusal;
import io.lingqian.payout.PayoutState;
import io.lingqian.payout.Payouts;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The enterprise payment to balance (企业付款到零钱, reference §5.4) in the v2 protocol: pay a user by
 * openid ({@code promotion/transfers}, which names app and merchant {@code mch_appid} and {@code mchid})
 * and query a payment ({@code gettransferinfo}). Idempotent on {@code partner_trade_no}: the same number
 * with the same content answers the first payment again; with other content {@code OUT_TRADE_NO_USED}.
 * Refusals use WeChat's err_codes, and a refused payment is not recorded, so the merchant may retry it.
 */
@RestController
class EnterprisePaymentController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    private static final Pattern PARTNER_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-]{1,32}");
    private static final Pattern AMOUNT = Pattern.compile("[1-9]\\d{0,9}");
    /** Parameters that do not make two payment requests different: the nonce and the signature. */
    private static final Set<String> NOT_CONTENT = Set.of("nonce_str", "sign", "sign_type");

    private final V2Exchange exchange;
    private final Payouts payouts;
    private final MerchantCredentials credentials;
    private final Clock clock;

    EnterprisePaymentController(V2Exchange exchange, Payouts payouts, MerchantCredentials credentials, Clock clock) {
        this.exchange = exchange;
        this.payouts = payouts;
        this.credentials = credentials;
        this.clock = clock;
    }

    @PostMapping("/mmpaymkttransfers/promotion/transfers")
    ResponseEntity<String> transfers(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        return exchange.handle(body, V2Exchange.Dialect.ENTERPRISE_PAYMENT, call -> {
            requireOwnCertificate(call, chain);
            String partnerTradeNo = call.required("partner_trade_no");
            if (!PARTNER_TRADE_NO.matcher(partnerTradeNo).matches()) {
                throw new V2Exchange.Refused("PARAM_ERROR", "partner_trade_no is 1-32 of [0-9A-Za-z_-]");
            }
            String openid = call.required("openid");
            String checkName = call.required("check_name");
            String userName = switch (checkName) {
                case "NO_CHECK" -> null;
                case "FORCE_CHECK" -> call.required("re_user_name");
                default -> throw new V2Exchange.Refused("PARAM_ERROR", "check_name is NO_CHECK or FORCE_CHECK");
            };
            String amount = call.required("amount");
            if (!AMOUNT.matcher(amount).matches() || Long.parseLong(amount) > Integer.MAX_VALUE) {
                throw new V2Exchange.Refused("PARAM_ERROR", "amount is a whole number of fen, at least 1");
            }
            String desc = call.required("desc");
            if (desc.length() > 100) {
                throw new V2Exchange.Refused("PARAM_ERROR", "desc is at most 100 characters");
            }
            Payout payout = refusals(() -> payouts.pay(call.merchant().id(), new NewPayout(partnerTradeNo,
                    call.appid(), openid, userName, Long.parseLong(amount), desc, digest(call.fields()))));
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("partner_trade_no", payout.outNo());
            answer.put("payment_no", payout.payoutNo());
            answer.put("payment_time", TIME.format(payout.updatedAt()));
            return answer;
        });
    }

    @PostMapping("/mmpaymkttransfers/gettransferinfo")
    ResponseEntity<String> query(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        return exchange.handle(body, call -> {
            requireOwnCertificate(call, chain);
            Payout payout = payouts.payment(call.merchant().id(), call.required("partner_trade_no"))
                    .orElseThrow(() -> new V2Exchange.Refused("NOT_FOUND", "指定单号数据不存在"));
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("partner_trade_no", payout.outNo());
            answer.put("detail_id", payout.payoutNo());
            answer.put("status", payout.state() == PayoutState.SUCCESS ? "SUCCESS"
                    : payout.state() == PayoutState.FAIL ? "FAILED" : "PROCESSING");
            answer.put("openid", payout.openid());
            if (payout.userName() != null) {
                answer.put("transfer_name", payout.userName());
            }
            answer.put("payment_amount", Long.toString(payout.amountFen()));
            answer.put("transfer_time", TIME.format(payout.createdAt()));
            answer.put("payment_time", TIME.format(payout.updatedAt()));
            answer.put("desc", payout.remark());
            return answer;
        });
    }

    /**
     * Requires the client certificate where there is one: a request over TLS with a client certificate
     * must present an active API certificate of the signing merchant. Over plain HTTP (how WxJava
     * talks to a local server) there is none to check; the v2 signature is the proof.
     */
    private void requireOwnCertificate(V2Exchange.Call call, X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return;
        }
        String serial = chain[0].getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        boolean ours = credentials.certificates(call.merchant().id()).stream()
                .anyMatch(c -> c.serialNo().equals(serial) && c.certificatePem().isPresent() && c.activeAt(now));
        if (!ours) {
            throw new V2Exchange.Refused("CA_ERROR", "请求未携带证书或证书错误: the client certificate is not an active "
                    + "API certificate of this merchant");
        }
    }

    private static Payout refusals(java.util.function.Supplier<Payout> action) {
        try {
            return action.get();
        } catch (PayoutRefusal r) {
            throw new V2Exchange.Refused(errCode(r.reason()), r.getMessage());
        }
    }

    /** WeChat's err_codes of the enterprise payment. */
    private static String errCode(PayoutRefusal.Reason reason) {
        return switch (reason) {
            case NOT_ENOUGH -> "NOTENOUGH";
            case AMOUNT_LIMIT -> "AMOUNT_LIMIT";
            case MERCHANT_DAILY_LIMIT -> "SEND_MONEY_LIMIT";
            case USER_DAILY_AMOUNT -> "RECEIVED_MONEY_LIMIT";
            case USER_DAILY_COUNT -> "SENDNUM_LIMIT";
            case NOT_REAL_NAME -> "V2_ACCOUNT_SIMPLE_BAN";
            case NAME_MISMATCH -> "NAME_MISMATCH";
            case OPENID_INVALID -> "OPENID_ERROR";
            case ACCOUNT_FROZEN, RISK -> "PAYEE_ACCOUNT_ABNORMAL";
            case NUMBER_USED -> "OUT_TRADE_NO_USED";
            case INVALID_BATCH -> "PARAM_ERROR";
        };
    }

    /** SHA-256 over the request's content in name order (the nonce and signature not). */
    private static String digest(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> {
            if (!NOT_CONTENT.contains(name)) {
                text.append(name).append('=').append(value).append('\n');
            }
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
