package io.lingqian.api.v3.pay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.TradeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders in WeChat Pay's direct-merchant mode (reference §3.1, §3.3, §3.4): prepay for the four
 * scenes, query by {@code transaction_id} or {@code out_trade_no}, and close. Every call works on
 * the signing merchant's own orders only; another merchant's order is simply not found.
 */
@RestController
@RequestMapping("/v3/pay/transactions")
class TransactionsController {

    private static final Pattern TRANSACTION_ID = Pattern.compile("\\d{1,32}");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /** The payment product of paying from the balance (零钱), as WeChat reports it. */
    static final String BANK_TYPE_BALANCE = "OTHERS";

    /** The order's {@code bank_type}: the card's bank and type, or OTHERS for the balance. */
    static String bankType(PaymentOrder o) {
        return o.bankType() == null ? BANK_TYPE_BALANCE : o.bankType();
    }

    private final PaymentOrders orders;
    private final PaymentRecords records;
    private final JsonMapper json;

    TransactionsController(PaymentOrders orders, PaymentRecords records, JsonMapper json) {
        this.orders = orders;
        this.records = records;
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

    /** The h5_url opens the wallet's cashier for the order in the browser. */
    @PostMapping("/h5")
    Map<String, String> h5Prepay(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        String prepayId = prepay(caller, TradeType.MWEB, body).prepayId();
        return Map.of("h5_url", ServletUriComponentsBuilder.fromCurrentContextPath().path("/wallet/cashier")
                .queryParam("prepay_id", prepayId).build().toUriString());
    }

    private PaymentOrder prepay(MerchantApiCaller caller, TradeType type, byte[] body) {
        return refusals(() -> orders.prepay(caller.merchantId(), PrepayReader.read(type, body, json, caller)));
    }

    @GetMapping("/id/{transactionId}")
    Transaction byTransactionId(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String transactionId,
            @RequestParam String mchid) {
        caller.requireMchid(mchid);
        if (!TRANSACTION_ID.matcher(transactionId).matches()) {
            throw V3Error.paramError("transaction_id must be digits");
        }
        PaymentOrder order = refusals(() -> orders.byTransactionId(caller.merchantId(), transactionId));
        return Transaction.of(order, records.discountsOf(order));
    }

    @GetMapping("/out-trade-no/{outTradeNo}")
    Transaction byOutTradeNo(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outTradeNo,
            @RequestParam String mchid) {
        caller.requireMchid(mchid);
        requireOutTradeNo(outTradeNo);
        PaymentOrder order = refusals(() -> orders.byOutTradeNo(caller.merchantId(), outTradeNo));
        return Transaction.of(order, records.discountsOf(order));
    }

    /** 204 without a body (signed like every 2xx); the body carries only {@code mchid}. */
    @PostMapping("/out-trade-no/{outTradeNo}/close")
    ResponseEntity<Void> close(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outTradeNo,
            @RequestBody(required = false) byte[] body) {
        caller.requireMchid(JsonFields.parse(body, json).root().requiredString("mchid", 32));
        requireOutTradeNo(outTradeNo);
        refusals(() -> orders.close(caller.merchantId(), outTradeNo));
        return ResponseEntity.noContent().build();
    }

    private static void requireOutTradeNo(String outTradeNo) {
        if (!PrepayReader.OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw V3Error.paramError("out_trade_no must be 6 to 32 letters, digits or _-|*");
        }
    }

    /** The payment rules' refusals in WeChat Pay's codes and statuses (docs/payments.md). */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
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

    /** The query answer (§3.3): fields that do not apply yet are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transaction(String appid, String mchid, @JsonProperty("out_trade_no") String outTradeNo,
                       @JsonProperty("transaction_id") String transactionId,
                       @JsonProperty("trade_type") String tradeType, @JsonProperty("trade_state") String tradeState,
                       @JsonProperty("trade_state_desc") String tradeStateDesc,
                       @JsonProperty("bank_type") String bankType, String attach,
                       @JsonProperty("success_time") String successTime, Payer payer, Amount amount,
                       @JsonProperty("scene_info") SceneInfo sceneInfo,
                       @JsonProperty("promotion_detail") List<PromotionDetail> promotionDetail) {

        /** The order as queried, with {@code promotion_detail} when it was paid with discounts. */
        static Transaction of(PaymentOrder o, List<PaymentHook.Discount> discounts) {
            boolean paid = o.payerUserId() != null;
            return new Transaction(o.appid(), o.mchid(), o.outTradeNo(), paid ? o.transactionId() : null,
                    paid ? o.tradeType().name() : null, o.tradeState().name(), o.tradeState().description(),
                    paid ? TransactionsController.bankType(o) : null, o.attach(), time(o.successTime()),
                    paid ? new Payer(o.payerOpenid()) : null,
                    new Amount(o.totalFen(), paid ? o.payerTotalFen() : null, o.currency(), paid ? o.currency() : null),
                    o.deviceId() == null ? null : new SceneInfo(o.deviceId()),
                    discounts.isEmpty() ? null : discounts.stream().map(d -> PromotionDetail.of(d, o.currency())).toList());
        }

        private static String time(Instant instant) {
            return instant == null ? null : RFC3339.format(instant);
        }
    }

    record Payer(String openid) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Amount(long total, @JsonProperty("payer_total") Long payerTotal, String currency,
                  @JsonProperty("payer_currency") String payerCurrency) {
    }

    record SceneInfo(@JsonProperty("device_id") String deviceId) {
    }

    /**
     * One discount of a paid order (reference §6.3): {@code amount} is the sum of the three
     * contributions; {@code goods_detail} is left out (Lingqian's discounts are on the whole order).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PromotionDetail(@JsonProperty("coupon_id") String couponId, String name, String scope, String type,
                           long amount, @JsonProperty("stock_id") String stockId,
                           @JsonProperty("wechatpay_contribute") long wechatpayContribute,
                           @JsonProperty("merchant_contribute") long merchantContribute,
                           @JsonProperty("other_contribute") long otherContribute, String currency) {

        static PromotionDetail of(PaymentHook.Discount d, String currency) {
            PaymentHook.Promotion p = d.promotion();
            return new PromotionDetail(d.id(), d.description(), p.scope(), p.type().name(), d.amountFen(),
                    p.stockId(), p.wechatpayContributeFen(), p.merchantContributeFen(), p.otherContributeFen(),
                    currency);
        }
    }
}
