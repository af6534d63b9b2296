package io.lingqian.api.v2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.OpenIds;
import io.lingqian.partner.PartnerPaymentCodes;
import io.lingqian.partner.PartnerRefusal;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.payment.PaymentCodeRefusal;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The payment code (付款码) in the v2 protocol (reference §5.2): charge a code the merchant scanned,
 * query the order, reverse it. Field names, formats ({@code yyyyMMddHHmmss} China Standard Time,
 * integer fen) and err_codes are WeChat's. With {@code sub_mch_id} (and optionally {@code sub_appid}) a
 * service provider, signing with its own v2 key, acts for one of its sub-merchants
 * (docs/service-providers.md).
 */
@RestController
class PaymentCodeController {

    private static final Logger log = LoggerFactory.getLogger(PaymentCodeController.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(CHINA);
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,32}");
    private static final Pattern TOTAL_FEE = Pattern.compile("[1-9]\\d{0,9}");
    /** Parameters that do not make two micropay requests different: the nonce and the signature. */
    private static final Set<String> NOT_CONTENT = Set.of("nonce_str", "sign", "sign_type");

    private final V2Exchange exchange;
    private final PaymentCodeCashier paymentCodes;
    private final PartnerPaymentCodes partnerCodes;
    private final ServiceProviders providers;
    private final OpenIds openIds;
    private final PaymentOrders orders;
    private final MerchantCredentials credentials;
    private final Clock clock;

    PaymentCodeController(V2Exchange exchange, PaymentCodeCashier paymentCodes, PartnerPaymentCodes partnerCodes,
            ServiceProviders providers, OpenIds openIds, PaymentOrders orders, MerchantCredentials credentials,
            Clock clock) {
        this.exchange = exchange;
        this.paymentCodes = paymentCodes;
        this.partnerCodes = partnerCodes;
        this.providers = providers;
        this.openIds = openIds;
        this.orders = orders;
        this.credentials = credentials;
        this.clock = clock;
    }

    @PostMapping("/pay/micropay")
    ResponseEntity<String> micropay(@RequestBody(required = false) byte[] body) {
        return exchange.handle(body, call -> {
            SubMerchant sub = subMerchantOf(call);
            PaymentOrder order = sub == null
                    ? paymentCodes.micropay(call.merchant().id(), newOrder(call, call.mchid()), call.required("auth_code"))
                    : partnerCodes.micropay(sub, call.get("sub_appid"), newOrder(call, call.get("sub_mch_id")),
                            call.required("auth_code"));
            return switch (order.tradeState()) {
                case SUCCESS, REFUND -> withSubMerchant(call, sub, order, paid(order));
                case USERPAYING -> throw new V2Exchange.Refused("USERPAYING", "需要用户输入支付密码");
                // an identical request is still being processed: the outcome is unknown, query it
                default -> throw new V2Exchange.Refused("SYSTEMERROR", "系统超时: query the order");
            };
        });
    }

    /**
     * Partner mode (a {@code sub_mch_id} is given): the signer must be an active service provider and
     * the sub-merchant its own ({@code NOAUTH} otherwise, the two look the same from outside), a
     * {@code sub_appid} the sub-merchant's ({@code APPID_MCHID_NOT_MATCH}). Null in direct mode.
     */
    private SubMerchant subMerchantOf(V2Exchange.Call call) {
        String subMchid = call.get("sub_mch_id");
        if (subMchid == null) {
            if (call.get("sub_appid") != null) {
                throw new V2Exchange.Refused("PARAM_ERROR", "sub_appid is only for a service provider with sub_mch_id");
            }
            return null;
        }
        try {
            SubMerchant sub = providers.actingFor(call.merchant().id(), subMchid);
            providers.requireAppids(call.merchant().id(), call.required("appid"), sub, call.get("sub_appid"));
            return sub;
        } catch (PartnerRefusal r) {
            throw new V2Exchange.Refused(r.reason() == PartnerRefusal.Reason.APPID_MISMATCH ? "APPID_MCHID_NOT_MATCH"
                    : "NOAUTH", r.getMessage());
        }
    }

    /** The merchant whose orders the call reaches: the signer, or the provider's sub-merchant. */
    private long orderOwner(V2Exchange.Call call) {
        SubMerchant sub = subMerchantOf(call);
        return sub == null ? call.merchant().id() : sub.merchantId();
    }

    /** Partner mode echoes sub_mch_id and sub_appid, and names the payer under sub_appid too. */
    private Map<String, String> withSubMerchant(V2Exchange.Call call, SubMerchant sub, PaymentOrder order,
            Map<String, String> answer) {
        if (sub == null) {
            return answer;
        }
        answer.put("sub_mch_id", call.get("sub_mch_id"));
        String subAppid = call.get("sub_appid");
        if (subAppid != null) {
            answer.put("sub_appid", subAppid);
            if (order.payerUserId() != null) {
                answer.put("sub_openid", openIds.openidOf(subAppid, order.payerUserId()));
                answer.put("sub_is_subscribe", "N");
            }
        }
        return answer;
    }

    private static NewOrder newOrder(V2Exchange.Call call, String mchid) {
        String body = call.required("body");
        if (body.length() > 127) {
            throw new V2Exchange.Refused("PARAM_ERROR", "body is at most 127 characters");
        }
        String outTradeNo = call.required("out_trade_no");
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw new V2Exchange.Refused("PARAM_ERROR", "out_trade_no is 1-32 of [0-9A-Za-z_-|*@]");
        }
        String totalFee = call.required("total_fee");
        if (!TOTAL_FEE.matcher(totalFee).matches() || Long.parseLong(totalFee) > Integer.MAX_VALUE) {
            throw new V2Exchange.Refused("PARAM_ERROR", "total_fee is a whole number of fen, at least 1");
        }
        String ip = call.required("spbill_create_ip");
        if (ip.length() > 45) {
            throw new V2Exchange.Refused("PARAM_ERROR", "spbill_create_ip is an IPv4 or IPv6 address");
        }
        String feeType = call.get("fee_type");
        if (feeType != null && !feeType.equals("CNY")) {
            throw new V2Exchange.Refused("PARAM_ERROR", "fee_type is CNY");
        }
        String attach = length(call, "attach", 127);
        String deviceInfo = length(call, "device_info", 32);
        String goodsTag = length(call, "goods_tag", 32);
        Instant timeExpire = null;
        if (call.get("time_expire") != null) {
            try {
                timeExpire = LocalDateTime.parse(call.get("time_expire"), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                        .atZone(CHINA).toInstant();
            } catch (DateTimeParseException e) {
                throw new V2Exchange.Refused("PARAM_ERROR", "time_expire is yyyyMMddHHmmss");
            }
        }
        return new NewOrder(TradeType.MICROPAY, call.required("appid"), mchid, body, outTradeNo, timeExpire,
                attach, null, goodsTag, Long.parseLong(totalFee), "CNY", null, ip, deviceInfo, digest(call.fields()));
    }

    private static String length(V2Exchange.Call call, String name, int max) {
        String value = call.get(name);
        if (value != null && value.length() > max) {
            throw new V2Exchange.Refused("PARAM_ERROR", name + " is at most " + max + " characters");
        }
        return value;
    }

    /** SHA-256 over the request's content in name order (the code included, the nonce and signature not). */
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

    private static Map<String, String> paid(PaymentOrder order) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("openid", order.payerOpenid());
        answer.put("is_subscribe", "N");
        answer.put("trade_type", order.tradeType().name());
        answer.put("bank_type", "OTHERS");
        answer.put("fee_type", order.currency());
        answer.put("total_fee", Long.toString(order.totalFen()));
        long cash = order.payerTotalFen() == null ? order.totalFen() : order.payerTotalFen();
        if (cash < order.totalFen()) {
            answer.put("coupon_fee", Long.toString(order.totalFen() - cash));
        }
        answer.put("cash_fee_type", order.currency());
        answer.put("cash_fee", Long.toString(cash));
        answer.put("transaction_id", order.transactionId());
        answer.put("out_trade_no", order.outTradeNo());
        if (order.attach() != null) {
            answer.put("attach", order.attach());
        }
        answer.put("time_end", SECOND.format(order.successTime()));
        return answer;
    }

    @PostMapping("/pay/orderquery")
    ResponseEntity<String> orderQuery(@RequestBody(required = false) byte[] body) {
        return exchange.handle(body, call -> {
            SubMerchant sub = subMerchantOf(call);
            long owner = sub == null ? call.merchant().id() : sub.merchantId();
            PaymentOrder order;
            try {
                order = call.get("transaction_id") != null
                        ? orders.byTransactionId(owner, call.get("transaction_id"))
                        : orders.byOutTradeNo(owner, call.required("out_trade_no"));
            } catch (PaymentRefusal notFound) {
                throw new V2Exchange.Refused("ORDERNOTEXIST", "此交易订单号不存在");
            }
            Map<String, String> answer = new LinkedHashMap<>();
            if (order.tradeState().isPaid() || order.tradeState() == TradeState.REVOKED && order.successTime() != null) {
                answer.putAll(withSubMerchant(call, sub, order, paid(order)));
            } else {
                answer.put("trade_type", order.tradeType().name());
                answer.put("fee_type", order.currency());
                answer.put("total_fee", Long.toString(order.totalFen()));
                answer.put("out_trade_no", order.outTradeNo());
                if (order.attach() != null) {
                    answer.put("attach", order.attach());
                }
            }
            answer.put("trade_state", order.tradeState().name());
            answer.put("trade_state_desc", order.tradeState().description());
            if (order.deviceId() != null) {
                answer.put("device_info", order.deviceId());
            }
            if (sub != null && !answer.containsKey("sub_mch_id")) {
                answer.put("sub_mch_id", call.get("sub_mch_id"));
            }
            return answer;
        });
    }

    /**
     * Requires the client certificate where there is one: a request that came over TLS with a client
     * certificate must present an active API certificate of the signing merchant. Over plain HTTP
     * (how WxJava talks to a local server) there is none to check; the v2 signature is the proof.
     */
    @PostMapping("/secapi/pay/reverse")
    ResponseEntity<String> reverse(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        return exchange.handle(body, call -> {
            if (chain != null && chain.length > 0) {
                String serial = chain[0].getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
                Instant now = clock.instant();
                boolean ours = credentials.certificates(call.merchant().id()).stream()
                        .anyMatch(c -> c.serialNo().equals(serial) && c.certificatePem().isPresent() && c.activeAt(now));
                if (!ours) {
                    throw new V2Exchange.Refused("CERT_ERROR", "证书错误: the client certificate is not an active API "
                            + "certificate of this merchant", Map.of("recall", "N"));
                }
            }
            if (call.get("transaction_id") == null) {
                call.required("out_trade_no");
            }
            try {
                paymentCodes.reverse(orderOwner(call), call.get("transaction_id"), call.get("out_trade_no"));
            } catch (PaymentCodeRefusal r) {
                throw new V2Exchange.Refused(r.reason().name(), r.getMessage(), Map.of("recall", "N"));
            } catch (V2Exchange.Refused r) {
                throw r;
            } catch (RuntimeException unknown) {
                // The outcome is unknown to the merchant: WeChat's rule is to call reverse again.
                log.error("reverse for mch_id {} failed", call.mchid(), unknown);
                throw new V2Exchange.Refused("SYSTEMERROR", "系统错误: call reverse again", Map.of("recall", "Y"));
            }
            return Map.of("recall", "N");
        });
    }
}
