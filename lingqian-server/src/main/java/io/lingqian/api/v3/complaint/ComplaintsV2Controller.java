package io.lingqian.api.v3.complaint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.Cipher;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintPage;
import io.lingqian.care.ComplaintStep;
import io.lingqian.care.Complaints;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.WalletUsers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer complaints 2.0 (reference §7) for the signing merchant: its own complaints only; another
 * merchant's complaint is simply not found. {@code payer_phone} is encrypted
 * (RSA/ECB/OAEPWithSHA-1AndMGF1Padding) with the public key of the certificate that signed the
 * request, which the merchant decrypts with its private key (§2.6).
 */
@RestController
@RequestMapping("/v3/merchant-service")
class ComplaintsV2Controller {

    /** §7: one query spans at most 30 days; a page holds at most 50. */
    static final int MAX_SPAN_DAYS = 30;
    static final int MAX_LIMIT = 50;
    static final int MAX_HISTORY_LIMIT = 300;
    private static final Pattern COMPLAINT_ID = Pattern.compile("[0-9]{1,32}");
    private static final Set<String> REFUND_ACTIONS = Set.of("APPROVE", "REJECT");

    private final Complaints complaints;
    private final MerchantCredentials credentials;
    private final WalletUsers users;
    private final JsonMapper json;

    ComplaintsV2Controller(Complaints complaints, MerchantCredentials credentials, WalletUsers users, JsonMapper json) {
        this.complaints = complaints;
        this.credentials = credentials;
        this.users = users;
        this.json = json;
    }

    @GetMapping("/complaints-v2")
    ComplaintView.Page<ComplaintView.Detail> list(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam(defaultValue = "10") int limit, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(name = "begin_date") String beginDate, @RequestParam(name = "end_date") String endDate,
            @RequestParam(name = "complainted_mchid", required = false) String complaintedMchid) {
        if (complaintedMchid != null && !complaintedMchid.isEmpty()) {
            caller.requireMchid(complaintedMchid);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw V3Error.paramError("limit must be 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw V3Error.paramError("offset must not be negative");
        }
        LocalDate begin = day("begin_date", beginDate);
        LocalDate end = day("end_date", endDate);
        if (end.isBefore(begin) || ChronoUnit.DAYS.between(begin, end) >= MAX_SPAN_DAYS) {
            throw V3Error.paramError("begin_date to end_date must span 1 to " + MAX_SPAN_DAYS + " days");
        }
        ComplaintPage<Complaint> page = complaints.ofMerchant(caller.merchantId(), begin, end, limit, offset);
        return new ComplaintView.Page<>(page.data().stream().map(c -> detail(caller, c)).toList(), limit, offset,
                page.totalCount());
    }

    @GetMapping("/complaints-v2/{complaintId}")
    ComplaintView.Detail detail(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String complaintId) {
        return detail(caller, found(() -> complaints.ofMerchant(caller.merchantId(), id(complaintId))));
    }

    @GetMapping("/complaints-v2/{complaintId}/negotiation-historys")
    ComplaintView.Page<ComplaintView.Step> history(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String complaintId, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > MAX_HISTORY_LIMIT || offset < 0) {
            throw V3Error.paramError("limit must be 1 to " + MAX_HISTORY_LIMIT + " and offset not negative");
        }
        ComplaintPage<ComplaintStep> page = found(() -> complaints.history(caller.merchantId(), id(complaintId),
                limit, offset));
        return new ComplaintView.Page<>(page.data().stream().map(ComplaintView.Step::of).toList(), limit, offset,
                page.totalCount());
    }

    @PostMapping("/complaints-v2/{complaintId}/response")
    ResponseEntity<Void> respond(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String complaintId,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        caller.requireMchid(o.requiredString("complainted_mchid", 32));
        String content = o.requiredString("response_content", Complaints.MAX_RESPONSE);
        o.strings("response_images");
        o.optionalString("jump_url", 512);
        o.optionalString("jump_url_text", 10);
        found(() -> complaints.respond(caller.merchantId(), id(complaintId), content));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/complaints-v2/{complaintId}/complete")
    ResponseEntity<Void> complete(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String complaintId,
            @RequestBody(required = false) byte[] body) {
        caller.requireMchid(JsonFields.parse(body, json).root().requiredString("complainted_mchid", 32));
        found(() -> complaints.complete(caller.merchantId(), id(complaintId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/complaints-v2/{complaintId}/update-refund-progress")
    ResponseEntity<Void> refundProgress(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String complaintId, @RequestBody(required = false) byte[] body) {
        JsonFields.Obj o = JsonFields.parse(body, json).root();
        String action = o.requiredString("action", 16);
        if (!REFUND_ACTIONS.contains(action)) {
            throw V3Error.paramError("action must be APPROVE or REJECT");
        }
        Integer days = o.integer("launch_refund_day", false, 0);
        String reason = o.optionalString("reject_reason", Complaints.MAX_RESPONSE);
        o.strings("reject_media_list");
        String remark = o.optionalString("remark", Complaints.MAX_RESPONSE);
        found(() -> complaints.updateRefundProgress(caller.merchantId(), id(complaintId), action.equals("APPROVE"),
                days, reason, remark));
        return ResponseEntity.noContent().build();
    }

    // --- complaint notify URL ---------------------------------------------------------------------------

    @PostMapping("/complaint-notifications")
    ComplaintView.NotifyUrl createNotifyUrl(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        if (complaints.notifyUrl(caller.merchantId()).isPresent()) {
            throw new V3Error(HttpStatus.BAD_REQUEST, V3Error.INVALID_REQUEST,
                    "a complaint notify URL is set already; update it with PUT");
        }
        return putNotifyUrl(caller, body);
    }

    @GetMapping("/complaint-notifications")
    ComplaintView.NotifyUrl notifyUrl(@AuthenticationPrincipal MerchantApiCaller caller) {
        return complaints.notifyUrl(caller.merchantId()).map(url -> new ComplaintView.NotifyUrl(caller.mchid(), url))
                .orElseThrow(() -> new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS",
                        "no complaint notify URL is set"));
    }

    @PutMapping("/complaint-notifications")
    ComplaintView.NotifyUrl updateNotifyUrl(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        return putNotifyUrl(caller, body);
    }

    @DeleteMapping("/complaint-notifications")
    ResponseEntity<Void> deleteNotifyUrl(@AuthenticationPrincipal MerchantApiCaller caller) {
        if (!complaints.deleteNotifyUrl(caller.merchantId())) {
            throw new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", "no complaint notify URL is set");
        }
        return ResponseEntity.noContent().build();
    }

    private ComplaintView.NotifyUrl putNotifyUrl(MerchantApiCaller caller, byte[] body) {
        String url = JsonFields.parse(body, json).root().requiredString("url", 255);
        try {
            JsonFields.notifyUrl(url);
        } catch (V3Error e) {
            throw V3Error.paramError("url must be an http(s) address without a query string");
        }
        return new ComplaintView.NotifyUrl(caller.mchid(), complaints.setNotifyUrl(caller.merchantId(), url));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private ComplaintView.Detail detail(MerchantApiCaller caller, Complaint c) {
        String phone = users.byId(c.userId()).map(u -> encrypt(caller, u.mobile())).orElse(null);
        return ComplaintView.Detail.of(c, phone, complaints.timesComplained(c));
    }

    /** §2.6: OAEP with the public key of the merchant certificate that signed this request. */
    private String encrypt(MerchantApiCaller caller, String plain) {
        PublicKey key = credentials.verificationKey(caller.merchantId(), caller.serialNo())
                .orElseThrow(() -> V3Error.signError("the certificate that signed the request is no longer valid"));
        try {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            oaep.init(Cipher.ENCRYPT_MODE, key);
            return Base64.getEncoder().encodeToString(oaep.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("OAEP encryption with the merchant's key failed", e);
        }
    }

    private static String id(String complaintId) {
        if (!COMPLAINT_ID.matcher(complaintId).matches()) {
            throw V3Error.paramError("complaint_id must be digits");
        }
        return complaintId;
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw V3Error.paramError(name + " must be yyyy-MM-dd");
        }
    }

    /** Care's refusals in WeChat's codes: not found, a step the state does not allow, bad fields. */
    private static <T> T found(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiProblemException e) {
            throw switch (e.status()) {
                case NOT_FOUND -> new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", e.getMessage());
                case BAD_REQUEST -> V3Error.paramError(e.getMessage());
                default -> V3Error.invalidRequest(e.getMessage());
            };
        }
    }
}
