package io.lingqian.api.v3.partner;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.payment.TradeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner prepay body, field by field, with the same rules as the direct one (reference §3.1)
 * and the partner fields of §3.9: {@code sp_appid}, {@code sp_mchid} (the signer),
 * {@code sub_appid} (optional), {@code sub_mchid}, and a JSAPI payer named by {@code sp_openid}
 * (under sp_appid) or {@code sub_openid} (under sub_appid, which it then requires).
 */
record PartnerPrepay(TradeType type, String spAppid, String spMchid, String subAppid, String subMchid,
                     String description, String outTradeNo, Instant timeExpire, String attach, String notifyUrl,
                     String goodsTag, int total, String spOpenid, String subOpenid, String clientIp, String deviceId,
                     String digest) {

    static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    static PartnerPrepay read(TradeType type, byte[] body, JsonMapper json, MerchantApiCaller caller) {
        JsonFields fields = JsonFields.parse(body, json);
        JsonFields.Obj o = fields.root();
        String spAppid = o.requiredString("sp_appid", 32);
        String spMchid = o.requiredString("sp_mchid", 32);
        caller.requireMchid(spMchid);
        String subAppid = o.optionalString("sub_appid", 32);
        String subMchid = o.requiredString("sub_mchid", 32);
        String description = o.requiredString("description", 127);
        String outTradeNo = o.matching("out_trade_no", OUT_TRADE_NO, "6 to 32 letters, digits or _-|*", true);
        Instant timeExpire = rfc3339(o.optionalString("time_expire", 64));
        String attach = o.optionalString("attach", 128);
        String notifyUrl = JsonFields.notifyUrl(o.requiredString("notify_url", 255));
        String goodsTag = o.optionalString("goods_tag", 32);
        o.strings("limit_pay");
        o.optionalBoolean("support_fapiao");

        JsonFields.Obj amount = o.object("amount", true);
        int total = amount.integer("total", true, 1);
        String currency = amount.optionalString("currency", 16);
        if (currency != null && !currency.equals("CNY")) {
            throw V3Error.paramError("amount.currency must be CNY");
        }

        JsonFields.Obj payer = o.object("payer", type == TradeType.JSAPI);
        String spOpenid = payer.present() ? emptyAsNull(payer.optionalString("sp_openid", 128)) : null;
        String subOpenid = payer.present() ? emptyAsNull(payer.optionalString("sub_openid", 128)) : null;
        if (type == TradeType.JSAPI) {
            if ((spOpenid == null) == (subOpenid == null)) {
                throw V3Error.paramError("payer needs exactly one of sp_openid and sub_openid");
            }
            if (subOpenid != null && subAppid == null) {
                throw V3Error.paramError("sub_appid is required with payer.sub_openid");
            }
        }

        JsonFields.Obj scene = o.object("scene_info", type == TradeType.MWEB);
        String clientIp = null;
        String deviceId = null;
        if (scene.present()) {
            clientIp = scene.matching("payer_client_ip", IP, "an IPv4 or IPv6 address", true);
            deviceId = scene.optionalString("device_id", 32);
            JsonFields.Obj h5 = scene.object("h5_info", type == TradeType.MWEB);
            if (h5.present()) {
                h5.requiredString("type", 32);
            }
        }
        o.object("settle_info", false).optionalBoolean("profit_sharing");
        return new PartnerPrepay(type, spAppid, spMchid, subAppid, subMchid, description, outTradeNo, timeExpire,
                attach, notifyUrl, goodsTag, total, spOpenid, subOpenid, clientIp, deviceId,
                fields.digest("partner:" + type.name()));
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
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
