package io.lingqian.api.v3.pay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.TradeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prepay body of reference §3.1, field by field: types, required fields per scene, lengths and
 * patterns. Optional blocks the platform does not act on yet ({@code detail}, {@code limit_pay},
 * {@code settle_info}, {@code support_fapiao}, {@code store_info}, {@code h5_info} beyond its type)
 * are still checked, so a malformed one is refused rather than silently ignored, and they count
 * towards the request's content for idempotency.
 */
final class PrepayReader {

    static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Set<String> LIMIT_PAY = Set.of("no_balance", "no_credit", "no_debit", "balance_only");

    private PrepayReader() {
    }

    static NewOrder read(TradeType type, byte[] body, JsonMapper json, MerchantApiCaller caller) {
        JsonFields fields = JsonFields.parse(body, json);
        JsonFields.Obj o = fields.root();
        String appid = o.requiredString("appid", 32);
        String mchid = o.requiredString("mchid", 32);
        caller.requireMchid(mchid);
        String description = o.requiredString("description", 127);
        String outTradeNo = o.matching("out_trade_no", OUT_TRADE_NO,
                "6 to 32 letters, digits or _-|*", true);
        Instant timeExpire = rfc3339(o.optionalString("time_expire", 64));
        String attach = o.optionalString("attach", 128);
        String notifyUrl = JsonFields.notifyUrl(o.requiredString("notify_url", 255));
        String goodsTag = o.optionalString("goods_tag", 32);
        for (String limit : o.strings("limit_pay")) {
            if (!LIMIT_PAY.contains(limit)) {
                throw V3Error.paramError("limit_pay has an unknown value " + limit);
            }
        }
        o.optionalBoolean("support_fapiao");

        JsonFields.Obj amount = o.object("amount", true);
        int total = amount.integer("total", true, 1);
        String currency = amount.optionalString("currency", 16);
        if (currency != null && !currency.equals("CNY")) {
            throw V3Error.paramError("amount.currency must be CNY");
        }

        JsonFields.Obj payer = o.object("payer", type == TradeType.JSAPI);
        String openid = payer.present() ? payer.optionalString("openid", 128) : null;
        if (type == TradeType.JSAPI && (openid == null || openid.isEmpty())) {
            throw V3Error.paramError("payer.openid is required");
        }

        JsonFields.Obj detail = o.object("detail", false);
        detail.integer("cost_price", false, 0);
        detail.optionalString("invoice_id", 32);
        for (JsonFields.Obj goods : detail.objects("goods_detail")) {
            goods.requiredString("merchant_goods_id", 32);
            goods.optionalString("wechatpay_goods_id", 32);
            goods.optionalString("goods_name", 256);
            goods.integer("quantity", true, 1);
            goods.integer("unit_price", true, 0);
        }

        JsonFields.Obj scene = o.object("scene_info", type == TradeType.MWEB);
        String clientIp = null;
        String deviceId = null;
        if (scene.present()) {
            clientIp = scene.matching("payer_client_ip", IP, "an IPv4 or IPv6 address", true);
            deviceId = scene.optionalString("device_id", 32);
            JsonFields.Obj store = scene.object("store_info", false);
            if (store.present()) {
                store.requiredString("id", 32);
                store.optionalString("name", 256);
                store.optionalString("area_code", 32);
                store.optionalString("address", 512);
            }
            JsonFields.Obj h5 = scene.object("h5_info", type == TradeType.MWEB);
            if (h5.present()) {
                h5.requiredString("type", 32);
                h5.optionalString("app_name", 64);
                h5.optionalString("app_url", 128);
                h5.optionalString("bundle_id", 128);
                h5.optionalString("package_name", 128);
            }
        }
        o.object("settle_info", false).optionalBoolean("profit_sharing");

        return new NewOrder(type, appid, mchid, description, outTradeNo, timeExpire, attach, notifyUrl, goodsTag,
                total, currency == null ? "CNY" : currency, openid, clientIp, deviceId, fields.digest(type.name()));
    }

    private static Instant rfc3339(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw V3Error.paramError("time_expire must be an RFC 3339 time such as 2018-06-08T10:34:56+08:00");
        }
    }
}
