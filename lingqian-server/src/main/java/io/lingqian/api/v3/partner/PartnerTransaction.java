package io.lingqian.api.v3.partner;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.merchant.OpenIds;
import io.lingqian.partner.PartnerOrder;
import io.lingqian.payment.PaymentOrder;

/**
 * The partner query answer and notification resource (the SDK's {@code partnerpayments} Transaction):
 * the direct shape with sp_appid, sp_mchid, sub_appid, sub_mchid and a payer with sp_openid and,
 * when the order names a sub_appid, sub_openid. Fields that do not apply yet are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PartnerTransaction(@JsonProperty("sp_appid") String spAppid, @JsonProperty("sp_mchid") String spMchid,
                          @JsonProperty("sub_appid") String subAppid, @JsonProperty("sub_mchid") String subMchid,
                          @JsonProperty("out_trade_no") String outTradeNo,
                          @JsonProperty("transaction_id") String transactionId,
                          @JsonProperty("trade_type") String tradeType, @JsonProperty("trade_state") String tradeState,
                          @JsonProperty("trade_state_desc") String tradeStateDesc,
                          @JsonProperty("bank_type") String bankType, String attach,
                          @JsonProperty("success_time") String successTime, Payer payer, Amount amount) {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    static PartnerTransaction of(PaymentOrder o, PartnerOrder p, String spMchid, OpenIds openIds) {
        boolean paid = o.payerUserId() != null;
        Payer payer = paid ? new Payer(openIds.openidOf(p.spAppid(), o.payerUserId()),
                p.subAppid() == null ? null : openIds.openidOf(p.subAppid(), o.payerUserId())) : null;
        return new PartnerTransaction(p.spAppid(), spMchid, p.subAppid(), o.mchid(), o.outTradeNo(),
                paid ? o.transactionId() : null, paid ? o.tradeType().name() : null, o.tradeState().name(),
                o.tradeState().description(), paid ? (o.bankType() == null ? "OTHERS" : o.bankType()) : null,
                o.attach(), time(o.successTime()), payer,
                new Amount(o.totalFen(), paid ? o.payerTotalFen() : null, o.currency(), paid ? o.currency() : null));
    }

    private static String time(Instant instant) {
        return instant == null ? null : RFC3339.format(instant);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payer(@JsonProperty("sp_openid") String spOpenid, @JsonProperty("sub_openid") String subOpenid) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Amount(long total, @JsonProperty("payer_total") Long payerTotal, String currency,
                  @JsonProperty("payer_currency") String payerCurrency) {
    }
}
