package io.lingqian.api.v3.refund;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.payment.Refund;

/**
 * The {@code Refund} object of reference §3.5, as create, query and abnormal refund answer it.
 * {@code success_time} only once SUCCESS. Lingqian takes every refund from the merchant's one
 * settlement account, unsettled takings, hence {@code funds_account} {@code UNSETTLED}. A
 * pre-funded discount is a {@code COUPON} promotion; a merchant-funded (免充值) one is a
 * {@code DISCOUNT}, and the settlement amounts leave it out: {@code settlement_total} is the total
 * less them, {@code settlement_refund} the refund less their share of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RefundView(@JsonProperty("refund_id") String refundId, @JsonProperty("out_refund_no") String outRefundNo,
                  @JsonProperty("transaction_id") String transactionId,
                  @JsonProperty("out_trade_no") String outTradeNo, String channel,
                  @JsonProperty("user_received_account") String userReceivedAccount,
                  @JsonProperty("success_time") String successTime, @JsonProperty("create_time") String createTime,
                  String status, @JsonProperty("funds_account") String fundsAccount, Amount amount,
                  @JsonProperty("promotion_detail") List<Promotion> promotionDetail) {

    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    static RefundView of(Refund r, List<Refund.DiscountShare> discounts) {
        long merchantFunded = discounts.stream().filter(Refund.DiscountShare::merchantFunded)
                .mapToLong(Refund.DiscountShare::amountFen).sum();
        long merchantFundedRefund = discounts.stream().filter(Refund.DiscountShare::merchantFunded)
                .mapToLong(Refund.DiscountShare::refundFen).sum();
        return new RefundView(r.refundId(), r.outRefundNo(), r.transactionId(), r.outTradeNo(), "ORIGINAL",
                r.destination().userReceivedAccount(), time(r.successTime()), time(r.createdAt()), r.status().name(),
                "UNSETTLED",
                new Amount(r.totalFen(), r.refundFen(),
                        r.from().stream().map(f -> new From(f.account(), f.amountFen())).toList(), r.payerTotalFen(),
                        r.payerRefundFen(), r.refundFen() - merchantFundedRefund, r.totalFen() - merchantFunded,
                        r.discountRefundFen(), "CNY",
                        r.feeRefundFen()),
                discounts.stream().map(d -> new Promotion(d.id(), "GLOBAL", d.merchantFunded() ? "DISCOUNT" : "COUPON",
                        d.amountFen(), d.refundFen()))
                        .toList());
    }

    static String time(Instant instant) {
        return instant == null ? null : RFC3339.format(instant);
    }

    record Amount(long total, long refund, List<From> from, @JsonProperty("payer_total") long payerTotal,
                  @JsonProperty("payer_refund") long payerRefund,
                  @JsonProperty("settlement_refund") long settlementRefund,
                  @JsonProperty("settlement_total") long settlementTotal,
                  @JsonProperty("discount_refund") long discountRefund, String currency,
                  @JsonProperty("refund_fee") long refundFee) {
    }

    record From(String account, long amount) {
    }

    record Promotion(@JsonProperty("promotion_id") String promotionId, String scope, String type, long amount,
                     @JsonProperty("refund_amount") long refundAmount) {
    }
}
