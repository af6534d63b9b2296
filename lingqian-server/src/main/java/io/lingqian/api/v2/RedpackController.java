package io.lingqian.api.v2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.redpack.NewRedpack;
import io.lingqian.redpack.Redpack;
import io.lingqian.redpack.RedpackRefusal;
import io.lingqian.redpack.RedpackShare;

/**
 * Enterprise red packets in the v2 protocol (reference §5.3): {@code sendredpack}, {@code sendgroupredpack}
 * and {@code gethbinfo}, signed with MD5 and the merchant's v2 key, the appid in {@code wxappid} for sending.
 * Over TLS these calls would carry the merchant's API certificate; over plain HTTP (how WxJava reaches a
 * local server) the v2 signature is the proof, as for {@code /secapi/pay/reverse}.
 */
@RestController
class RedpackController {

    private static final V2Exchange.Dialect SEND = new V2Exchange.Dialect("wxappid", "mch_id", true);
    private static final V2Exchange.Dialect QUERY = new V2Exchange.Dialect("appid", "mch_id", true);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(CHINA);
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    private static final Pattern BILLNO = Pattern.compile("[0-9a-zA-Z]{1,28}");
    private static final Pattern WHOLE = Pattern.compile("[1-9]\\d{0,8}");
    private static final Pattern SCENE = Pattern.compile("PRODUCT_[1-8]");
    /** What does not make two sends different: the nonce and the signature. */
    private static final Set<String> NOT_CONTENT = Set.of("nonce_str", "sign", "sign_type");

    private final V2Exchange exchange;
    private final MerchantRedpacks redpacks;

    RedpackController(V2Exchange exchange, MerchantRedpacks redpacks) {
        this.exchange = exchange;
        this.redpacks = redpacks;
    }

    @PostMapping("/mmpaymkttransfers/sendredpack")
    ResponseEntity<String> send(@RequestBody(required = false) byte[] body) {
        return exchange.handle(body, SEND, call -> send(call, false));
    }

    @PostMapping("/mmpaymkttransfers/sendgroupredpack")
    ResponseEntity<String> sendGroup(@RequestBody(required = false) byte[] body) {
        return exchange.handle(body, SEND, call -> send(call, true));
    }

    private Map<String, String> send(V2Exchange.Call call, boolean group) {
        Map<String, String> echo = new LinkedHashMap<>();
        for (String name : List.of("mch_billno", "wxappid", "re_openid", "total_amount")) {
            if (call.get(name) != null) {
                echo.put(name, call.get(name));
            }
        }
        NewRedpack request = request(call, group);
        try {
            Redpack packet = redpacks.send(call.merchant().id(), request);
            Map<String, String> answer = new LinkedHashMap<>(echo);
            answer.put("send_listid", packet.sendListid());
            answer.put("send_time", COMPACT.format(packet.sentAt()));
            return answer;
        } catch (RedpackRefusal refused) {
            throw new V2Exchange.Refused(refused.errCode(), refused.getMessage(), echo);
        }
    }

    private static NewRedpack request(V2Exchange.Call call, boolean group) {
        String billno = call.required("mch_billno");
        if (!BILLNO.matcher(billno).matches()) {
            throw new V2Exchange.Refused("PARAM_ERROR", "mch_billno is 1-28 of [0-9a-zA-Z]");
        }
        String sendName = text(call, "send_name", 32);
        String openid = text(call, "re_openid", 32);
        long total = whole(call, "total_amount");
        long num = whole(call, "total_num");
        String wishing = text(call, "wishing", 128);
        text(call, "client_ip", 15);
        String actName = text(call, "act_name", 32);
        String remark = text(call, "remark", 256);
        String scene = call.get("scene_id");
        if (scene != null && !SCENE.matcher(scene).matches()) {
            throw new V2Exchange.Refused("PARAM_ERROR", "scene_id is PRODUCT_1 to PRODUCT_8");
        }
        if (group && !"ALL_RAND".equals(call.get("amt_type"))) {
            throw new V2Exchange.Refused("PARAM_ERROR", "amt_type is ALL_RAND");
        }
        String funding = call.get("consume_mch_id");
        if (funding != null && !funding.equals(call.mchid())) {
            throw new V2Exchange.Refused("PARAM_ERROR", "consume_mch_id: a red packet is paid by the sending merchant");
        }
        return new NewRedpack(billno, call.required("wxappid"), openid, group, total, (int) num, sendName, wishing,
                actName, remark, scene, digest(call.fields(), group));
    }

    private static String text(V2Exchange.Call call, String name, int max) {
        String value = call.required(name);
        if (value.length() > max) {
            throw new V2Exchange.Refused("PARAM_ERROR", name + " is at most " + max + " characters");
        }
        return value;
    }

    private static long whole(V2Exchange.Call call, String name) {
        String value = call.required(name);
        if (!WHOLE.matcher(value).matches()) {
            throw new V2Exchange.Refused("PARAM_ERROR", name + " is a whole number, at least 1");
        }
        return Long.parseLong(value);
    }

    /** SHA-256 over the request's content in name order, and which call it came through. */
    private static String digest(Map<String, String> fields, boolean group) {
        StringBuilder text = new StringBuilder(group ? "sendgroupredpack\n" : "sendredpack\n");
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

    @PostMapping("/mmpaymkttransfers/gethbinfo")
    ResponseEntity<String> query(@RequestBody(required = false) byte[] body) {
        return exchange.handle(body, QUERY, call -> {
            String billno = call.required("mch_billno");
            if (!"MCHT".equals(call.required("bill_type"))) {
                throw new V2Exchange.Refused("PARAM_ERROR", "bill_type is MCHT");
            }
            Redpack packet = redpacks.byBillno(call.merchant().id(), billno)
                    .orElseThrow(() -> new V2Exchange.Refused("NOT_FOUND", "指定单号数据不存在"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("mch_billno", packet.mchBillno());
            answer.put("detail_id", packet.sendListid());
            answer.put("status", packet.status().name());
            answer.put("send_type", "API");
            answer.put("hb_type", packet.group() ? "GROUP" : "NORMAL");
            answer.put("total_num", Integer.toString(packet.totalNum()));
            answer.put("total_amount", Long.toString(packet.totalFen()));
            answer.put("send_time", READABLE.format(packet.sentAt()));
            if (packet.refundedAt() != null) {
                answer.put("refund_time", READABLE.format(packet.refundedAt()));
                answer.put("refund_amount", Long.toString(packet.refundFen()));
            }
            answer.put("wishing", packet.wishing());
            answer.put("remark", packet.remark());
            answer.put("act_name", packet.actName());
            List<Map<String, String>> opened = packet.shares().stream().filter(RedpackShare::opened).map(share -> {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("openid", share.openid());
                item.put("amount", Long.toString(share.amountFen()));
                item.put("rcv_time", READABLE.format(share.openedAt()));
                return item;
            }).toList();
            if (!opened.isEmpty()) {
                answer.put("hblist", new V2Xml.Items("hbinfo", opened));
            }
            return answer;
        });
    }
}
