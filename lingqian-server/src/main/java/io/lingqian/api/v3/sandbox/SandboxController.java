package io.lingqian.api.v3.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundRefusal;
import io.lingqian.payment.RefundStatus;
import io.lingqian.payment.Refunds;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxPayers;
import io.lingqian.sandbox.SandboxRefusal;
import io.lingqian.sandbox.SandboxRule;
import io.lingqian.sandbox.SandboxSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox controls over the v3 API (docs/sandbox.md), signed like every {@code /v3} call, so a
 * merchant's test code drives them with the same SDK client it pays with. Lingqian's own: WeChat Pay
 * has no such endpoints. Every call reaches only the signing merchant's settings, rules, orders and
 * refunds; with the merchant's sandbox off every call but reading the settings is {@code 403 NO_AUTH}.
 */
@RestController
@RequestMapping("/v3/sandbox")
class SandboxController {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final Pattern OUT_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    private static final Pattern APPID = Pattern.compile("[0-9A-Za-z_]{1,32}");

    private final Sandbox sandbox;
    private final SandboxPayers payers;
    private final Refunds refunds;
    private final JsonMapper json;

    SandboxController(Sandbox sandbox, SandboxPayers payers, Refunds refunds, JsonMapper json) {
        this.sandbox = sandbox;
        this.payers = payers;
        this.refunds = refunds;
        this.json = json;
    }

    @GetMapping("/settings")
    Map<String, Object> settings(@AuthenticationPrincipal MerchantApiCaller caller) {
        return settingsView(sandbox.settings(caller.merchantId()), sandbox.rules(caller.merchantId()));
    }

    /** Body: {@code duplicates} (0–3), {@code delay_seconds} (0–86400), {@code reorder_window_seconds} (0–3600). */
    @PostMapping("/notification-faults")
    Map<String, Object> notificationFaults(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        int duplicates = orZero(o.integer("duplicates", false, 0));
        int delay = orZero(o.integer("delay_seconds", false, 0));
        int window = orZero(o.integer("reorder_window_seconds", false, 0));
        SandboxSettings settings = refusals(() -> sandbox.setNotificationFaults(caller.merchantId(), duplicates,
                Duration.ofSeconds(delay), Duration.ofSeconds(window)));
        return settingsView(settings, sandbox.rules(caller.merchantId()));
    }

    /** Body: {@code target} (PAYMENT or REFUND), {@code outcome}, {@code out_no_pattern} (absent: the next one only). */
    @PostMapping("/rules")
    Map<String, Object> addRule(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        SandboxRule.Target target = enumOf(SandboxRule.Target.class, "target", o.requiredString("target", 8));
        SandboxRule.Outcome outcome = enumOf(SandboxRule.Outcome.class, "outcome", o.requiredString("outcome", 12));
        String pattern = o.optionalString("out_no_pattern", 64);
        return ruleView(refusals(() -> sandbox.addRule(caller.merchantId(), target, pattern, outcome)));
    }

    @DeleteMapping("/rules/{id}")
    ResponseEntity<Void> deleteRule(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String id) {
        if (!id.matches("\\d{1,18}")) {
            throw V3Error.paramError("the rule id is a number");
        }
        refusals(() -> {
            sandbox.deleteRule(caller.merchantId(), Long.parseLong(id));
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    /** The test payer's openid under one of the merchant's apps (for a JSAPI order it should pay). */
    @GetMapping("/payer")
    Map<String, Object> payer(@AuthenticationPrincipal MerchantApiCaller caller, @RequestParam(required = false) String appid) {
        if (appid == null || !APPID.matcher(appid).matches()) {
            throw V3Error.paramError("appid is required: one of this merchant's appids");
        }
        String openid = refusals(() -> payers.openid(caller.merchantId(), appid));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("appid", appid);
        view.put("openid", openid);
        return view;
    }

    /** Pays the merchant's order as the test payer; answers the order as the query API would show its state. */
    @PostMapping("/orders/{outTradeNo}/pay")
    Map<String, Object> pay(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outTradeNo) {
        requireOutNo("out_trade_no", outTradeNo);
        PaymentOrder order = refusals(() -> payers.pay(caller.merchantId(), outTradeNo));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mchid", order.mchid());
        view.put("out_trade_no", order.outTradeNo());
        view.put("transaction_id", order.transactionId());
        view.put("trade_state", order.tradeState().name());
        view.put("success_time", RFC3339.format(order.successTime()));
        view.put("payer", Map.of("openid", order.payerOpenid()));
        view.put("amount", Map.of("total", order.totalFen(), "payer_total", order.payerTotalFen()));
        return view;
    }

    /** Settles a refund a PROCESSING rule held. Body: {@code status} SUCCESS or ABNORMAL. */
    @PostMapping("/refunds/{outRefundNo}/release")
    Map<String, Object> release(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String outRefundNo,
            @RequestBody(required = false) byte[] body) {
        requireOutNo("out_refund_no", outRefundNo);
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        String status = o.requiredString("status", 12);
        if (!status.equals("SUCCESS") && !status.equals("ABNORMAL")) {
            throw V3Error.paramError("status must be SUCCESS or ABNORMAL");
        }
        refusals(() -> {
            sandbox.requireActive(caller.merchantId());
            return null;
        });
        Refund refund;
        try {
            refund = refunds.releaseHeld(caller.merchantId(), outRefundNo, RefundStatus.valueOf(status));
        } catch (RefundRefusal r) {
            throw r.reason() == RefundRefusal.Reason.NOT_FOUND
                    ? new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", r.getMessage())
                    : V3Error.invalidRequest(r.getMessage());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("refund_id", refund.refundId());
        view.put("out_refund_no", refund.outRefundNo());
        view.put("status", refund.status().name());
        return view;
    }

    /** Moves the platform clock (only where the installation allows it). Body: {@code seconds}. */
    @PostMapping("/clock/advance")
    Map<String, Object> advanceClock(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        int seconds = JsonFields.parse(body, json).root().integer("seconds", true, 1);
        Instant now = refusals(() -> sandbox.advanceClock(caller.merchantId(), Duration.ofSeconds(seconds)));
        return Map.of("now", RFC3339.format(now));
    }

    private static Map<String, Object> settingsView(SandboxSettings settings, List<SandboxRule> rules) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", settings.enabled());
        view.put("notification_faults", Map.of("duplicates", settings.notifyDuplicates(),
                "delay_seconds", settings.notifyDelay().toSeconds(),
                "reorder_window_seconds", settings.reorderWindow().toSeconds()));
        view.put("rules", rules.stream().map(SandboxController::ruleView).toList());
        return view;
    }

    private static Map<String, Object> ruleView(SandboxRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", rule.id());
        view.put("target", rule.target().name());
        view.put("outcome", rule.outcome().name());
        if (rule.pattern() != null) {
            view.put("out_no_pattern", rule.pattern());
        }
        view.put("create_time", RFC3339.format(rule.createdAt()));
        return view;
    }

    private static void requireOutNo(String name, String value) {
        if (!OUT_NO.matcher(value).matches()) {
            throw V3Error.paramError(name + " must be 1 to 64 letters, digits or _-|*@");
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw V3Error.paramError(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The sandbox's refusals in WeChat Pay's codes and statuses. */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (SandboxRefusal r) {
            throw switch (r.reason()) {
                case OFF, CLOCK_FIXED -> new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, r.getMessage());
                case INVALID -> V3Error.paramError(r.getMessage());
                case NOT_FOUND -> new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", r.getMessage());
                case WRONG_STATE -> V3Error.invalidRequest(r.getMessage());
            };
        }
    }
}
