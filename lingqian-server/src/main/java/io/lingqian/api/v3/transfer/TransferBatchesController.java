package io.lingqian.api.v3.transfer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.Cipher;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payout.NewBatch;
import io.lingqian.payout.Payout;
import io.lingqian.payout.PayoutBatch;
import io.lingqian.payout.PayoutRefusal;
import io.lingqian.payout.PayoutState;
import io.lingqian.payout.Payouts;
import tools.jackson.databind.json.JsonMapper;

/**
 * §5.4 transfer batches for the signing merchant's own batches: another merchant's batch or detail is
 * {@code 404 NOT_FOUND}. Idempotent on {@code out_batch_no}: the same content (user names compared
 * decrypted, since each encryption differs) answers the first batch; other content is
 * {@code 400 INVALID_REQUEST}. A batch the settlement balance does not cover is {@code 403 NOT_ENOUGH},
 * one past the merchant's daily limit {@code 403 QUOTA_EXCEED}; nothing is recorded for either.
 */
@RestController
@RequestMapping("/v3/transfer/batches")
class TransferBatchesController {

    private static final Pattern OUT_NO = Pattern.compile("[0-9A-Za-z]{5,32}");
    private static final Pattern ID = Pattern.compile("\\d{1,40}");
    private static final int MAX_DETAILS_READ = 1000;

    private final Payouts payouts;
    private final PlatformKeys platformKeys;
    private final MerchantCredentials credentials;
    private final MerchantApps apps;
    private final JsonMapper json;

    TransferBatchesController(Payouts payouts, PlatformKeys platformKeys, MerchantCredentials credentials,
            MerchantApps apps, JsonMapper json) {
        this.payouts = payouts;
        this.platformKeys = platformKeys;
        this.credentials = credentials;
        this.apps = apps;
        this.json = json;
    }

    @PostMapping
    TransferViews.Accepted initiate(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj root = JsonFields.parse(body, json).root();
        String appid = root.requiredString("appid", 32);
        if (!apps.isBound(appid, caller.mchid())) {
            throw new V3Error(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid " + appid
                    + " is not bound to mchid " + caller.mchid());
        }
        String outBatchNo = root.matching("out_batch_no", OUT_NO, "5 to 32 letters or digits", true);
        String name = root.requiredString("batch_name", 32);
        String remark = root.requiredString("batch_remark", 32);
        long totalAmount = amount(root, "total_amount");
        int totalNum = root.integer("total_num", true, 1);
        String scene = root.optionalString("transfer_scene_id", 36);
        if (root.has("notify_url")) {
            JsonFields.notifyUrl(root.requiredString("notify_url", 256));
        }
        List<JsonFields.Obj> list = root.objects("transfer_detail_list");
        if (list.size() > MAX_DETAILS_READ) {
            throw V3Error.paramError("transfer_detail_list has at most " + MAX_DETAILS_READ + " details");
        }
        List<NewBatch.Detail> details = new ArrayList<>();
        StringBuilder content = new StringBuilder(String.join("\n", appid, outBatchNo, name, remark,
                Long.toString(totalAmount), Integer.toString(totalNum), String.valueOf(scene)));
        for (JsonFields.Obj d : list) {
            String outDetailNo = d.matching("out_detail_no", OUT_NO, "5 to 32 letters or digits", true);
            long amount = amount(d, "transfer_amount");
            String detailRemark = d.requiredString("transfer_remark", 32);
            String openid = d.requiredString("openid", 64);
            String encrypted = d.optionalString("user_name", 2048);
            String userName = null;
            if (encrypted != null) {
                if (serial == null || serial.isBlank()) {
                    throw V3Error.paramError("user_name is encrypted with a platform key named by the "
                            + "Wechatpay-Serial header, which is missing");
                }
                userName = platformKeys.decrypt(serial, encrypted).orElseThrow(() -> V3Error.paramError(
                        "user_name could not be decrypted with the platform key named by Wechatpay-Serial "
                                + "(RSA/ECB/OAEPWithSHA-1AndMGF1Padding, base64)"));
            }
            details.add(new NewBatch.Detail(outDetailNo, amount, detailRemark, openid, userName));
            content.append('\n').append(String.join("|", outDetailNo, Long.toString(amount), detailRemark, openid,
                    String.valueOf(userName)));
        }
        NewBatch batch = new NewBatch(outBatchNo, appid, name, remark, totalAmount, totalNum, scene, details,
                sha256(content.toString()));
        return TransferViews.Accepted.of(refusals(() -> payouts.submit(caller.merchantId(), batch)));
    }

    @GetMapping("/batch-id/{batchId}")
    TransferViews.Entity byBatchId(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String batchId,
            @RequestParam(name = "need_query_detail") boolean needQueryDetail,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "detail_status", required = false) String detailStatus) {
        return entity(caller, batchById(caller, batchId), needQueryDetail, offset, limit, detailStatus);
    }

    @GetMapping("/out-batch-no/{outBatchNo}")
    TransferViews.Entity byOutBatchNo(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String outBatchNo, @RequestParam(name = "need_query_detail") boolean needQueryDetail,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "detail_status", required = false) String detailStatus) {
        return entity(caller, batchByOutNo(caller, outBatchNo), needQueryDetail, offset, limit, detailStatus);
    }

    @GetMapping("/batch-id/{batchId}/details/detail-id/{detailId}")
    TransferViews.Detail detail(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String batchId,
            @PathVariable String detailId) {
        PayoutBatch batch = batchById(caller, batchId);
        if (!ID.matcher(detailId).matches()) {
            throw V3Error.paramError("detail_id must be digits");
        }
        return detail(caller, batch, payouts.detail(batch, detailId));
    }

    @GetMapping("/out-batch-no/{outBatchNo}/details/out-detail-no/{outDetailNo}")
    TransferViews.Detail detailByOutNo(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String outBatchNo, @PathVariable String outDetailNo) {
        PayoutBatch batch = batchByOutNo(caller, outBatchNo);
        if (!OUT_NO.matcher(outDetailNo).matches()) {
            throw V3Error.paramError("out_detail_no is 5 to 32 letters or digits");
        }
        return detail(caller, batch, payouts.detailByOutNo(batch, outDetailNo));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private TransferViews.Entity entity(MerchantApiCaller caller, PayoutBatch batch, boolean needQueryDetail,
            Integer offset, Integer limit, String detailStatus) {
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 20 : limit;
        if (from < 0) {
            throw V3Error.paramError("offset must be at least 0");
        }
        if (size < 20 || size > 100) {
            throw V3Error.paramError("limit must be 20 to 100");
        }
        PayoutState status = null;
        if (detailStatus != null && !detailStatus.equals("ALL")) {
            status = switch (detailStatus) {
                case "WAIT_PAY" -> PayoutState.INIT;
                case "SUCCESS" -> PayoutState.SUCCESS;
                case "FAIL" -> PayoutState.FAIL;
                default -> throw V3Error.paramError("detail_status must be ALL, WAIT_PAY, SUCCESS or FAIL");
            };
        }
        List<TransferViews.DetailCompact> details = needQueryDetail
                ? payouts.details(batch, status, from, size).stream().map(TransferViews.DetailCompact::of).toList()
                : null;
        return new TransferViews.Entity(TransferViews.Batch.of(caller.mchid(), batch), details);
    }

    private TransferViews.Detail detail(MerchantApiCaller caller, PayoutBatch batch, Optional<Payout> found) {
        Payout p = found.orElseThrow(() -> notFound("no such transfer detail"));
        return TransferViews.Detail.of(caller.mchid(), batch, p, p.userName() == null ? null : encrypt(caller, p.userName()));
    }

    private PayoutBatch batchById(MerchantApiCaller caller, String batchId) {
        if (!ID.matcher(batchId).matches()) {
            throw V3Error.paramError("batch_id must be digits");
        }
        return payouts.batch(caller.merchantId(), batchId).orElseThrow(() -> notFound("no such transfer batch"));
    }

    private PayoutBatch batchByOutNo(MerchantApiCaller caller, String outBatchNo) {
        if (!OUT_NO.matcher(outBatchNo).matches()) {
            throw V3Error.paramError("out_batch_no is 5 to 32 letters or digits");
        }
        return payouts.batchByOutNo(caller.merchantId(), outBatchNo).orElseThrow(() -> notFound("no such transfer batch"));
    }

    private static V3Error notFound(String message) {
        return new V3Error(HttpStatus.NOT_FOUND, V3Error.NOT_FOUND, "记录不存在: " + message);
    }

    private static long amount(JsonFields.Obj o, String name) {
        Integer fen = o.integer(name, true, 1);
        return fen.longValue();
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T refusals(Supplier<T> action) {
        try {
            return action.get();
        } catch (PayoutRefusal r) {
            throw switch (r.reason()) {
                case NOT_ENOUGH -> new V3Error(HttpStatus.FORBIDDEN, "NOT_ENOUGH", "资金不足: " + r.getMessage());
                case MERCHANT_DAILY_LIMIT -> new V3Error(HttpStatus.FORBIDDEN, "QUOTA_EXCEED", r.getMessage());
                case NUMBER_USED -> V3Error.invalidRequest(r.getMessage());
                default -> V3Error.paramError(r.getMessage());
            };
        }
    }
}
