package io.lingqian.api.v3.refund;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.Refund;
import tools.jackson.databind.json.JsonMapper;

/**
 * The refund body of reference §3.5, field by field: types, required fields, lengths, patterns and
 * the amounts' arithmetic. {@code goods_detail} is checked though nothing acts on it, so a malformed
 * one is refused rather than ignored; like every field it counts towards the request's content for
 * idempotency.
 */
final class RefundReader {

    static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    static final Pattern REFUND_ID = Pattern.compile("\\d{1,32}");
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,32}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("\\d{1,32}");
    private static final Set<String> FUNDS_FROM = Set.of("AVAILABLE", "UNAVAILABLE");

    private RefundReader() {
    }

    static NewRefund read(byte[] body, JsonMapper json) {
        JsonFields fields = JsonFields.parse(body, json);
        JsonFields.Obj o = fields.root();
        String transactionId = o.matching("transaction_id", TRANSACTION_ID, "up to 32 digits", false);
        String outTradeNo = o.matching("out_trade_no", OUT_TRADE_NO, "1 to 32 letters, digits or _-|*@", false);
        if (transactionId == null && outTradeNo == null) {
            throw V3Error.paramError("transaction_id or out_trade_no is required");
        }
        String outRefundNo = o.matching("out_refund_no", OUT_REFUND_NO, "1 to 64 letters, digits or _-|*@", true);
        String reason = o.optionalString("reason", 80);
        // 255, not the documented 256: the notification log stores at most 255 (docs/payments.md).
        String notifyUrl = o.optionalString("notify_url", 255);
        if (notifyUrl != null) {
            JsonFields.notifyUrl(notifyUrl);
        }
        String fundsAccount = o.optionalString("funds_account", 16);
        if (fundsAccount != null && !fundsAccount.equals("AVAILABLE")) {
            throw V3Error.paramError("funds_account must be AVAILABLE");
        }

        JsonFields.Obj amount = o.object("amount", true);
        int refund = amount.integer("refund", true, 1);
        int total = amount.integer("total", true, 1);
        String currency = amount.requiredString("currency", 16);
        if (!currency.equals("CNY")) {
            throw V3Error.paramError("amount.currency must be CNY");
        }
        List<Refund.FundsFrom> from = new ArrayList<>();
        long fromSum = 0;
        for (JsonFields.Obj item : amount.objects("from")) {
            String account = item.requiredString("account", 16);
            if (!FUNDS_FROM.contains(account)) {
                throw V3Error.paramError("amount.from account must be AVAILABLE or UNAVAILABLE");
            }
            int part = item.integer("amount", true, 1);
            from.add(new Refund.FundsFrom(account, part));
            fromSum += part;
        }
        if (!from.isEmpty() && fromSum != refund) {
            throw V3Error.paramError("the amounts of amount.from must add up to amount.refund");
        }
        if (refund > total) {
            throw V3Error.paramError("amount.refund cannot exceed amount.total");
        }

        for (JsonFields.Obj goods : o.objects("goods_detail")) {
            goods.requiredString("merchant_goods_id", 32);
            goods.optionalString("wechatpay_goods_id", 32);
            goods.optionalString("goods_name", 256);
            goods.integer("unit_price", true, 0);
            goods.integer("refund_amount", true, 0);
            goods.integer("refund_quantity", true, 1);
        }
        return new NewRefund(transactionId, outTradeNo, outRefundNo, reason, notifyUrl, refund, total, from,
                fields.digest("refund"));
    }
}
