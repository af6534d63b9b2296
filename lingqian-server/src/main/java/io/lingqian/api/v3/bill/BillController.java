package io.lingqian.api.v3.bill;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.bill.BillDownload;
import io.lingqian.bill.BillKind;
import io.lingqian.bill.BillProperties;
import io.lingqian.bill.BillRefusal;
import io.lingqian.bill.Bills;
import io.lingqian.partner.PartnerRefusal;
import io.lingqian.partner.ServiceProviders;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bills (reference §3.8): apply for the trade or fund-flow bill of a day and get
 * {@code {download_url, hash_type, hash_value}}; then download the file from {@code download_url},
 * signed like any call. The file is streamed as it is read and not signed (no SDK verifies it, C11),
 * as {@code application/octet-stream}, never JSON (C12); with {@code tar_type=GZIP} it is gzip-compressed,
 * and {@code hash_value} is always the SHA-1 of the uncompressed file, which is what the SDK checks.
 * A service provider's trade bill covers all its sub-merchants; with {@code sub_mchid} it is the bill
 * of that one sub-merchant (403 {@code NO_AUTH} unless its own), see docs/service-providers.md.
 */
@RestController
class BillController {

    static final String DOWNLOAD_PATH = "/v3/billdownload/file";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{40}");

    private final Bills bills;
    private final BillProperties settings;
    private final ServiceProviders providers;

    BillController(Bills bills, BillProperties settings, ServiceProviders providers) {
        this.bills = bills;
        this.settings = settings;
        this.providers = providers;
    }

    /** {@code bill_type} ALL (default), SUCCESS or REFUND; the SDK's industry-specific types are refused. */
    @GetMapping("/v3/bill/tradebill")
    Map<String, String> tradeBill(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam(name = "bill_date", required = false) String billDate,
            @RequestParam(name = "bill_type", required = false) String billType,
            @RequestParam(name = "tar_type", required = false) String tarType,
            @RequestParam(name = "sub_mchid", required = false) String subMchid) {
        long owner = caller.merchantId();
        if (subMchid != null && !subMchid.isEmpty()) {
            // A service provider's bill of one sub-merchant; without sub_mchid its bill covers them all
            try {
                owner = providers.actingFor(caller.merchantId(), subMchid).merchantId();
            } catch (PartnerRefusal r) {
                throw new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, r.getMessage());
            }
        }
        BillKind kind = switch (billType == null ? "ALL" : billType) {
            case "ALL" -> BillKind.TRADE_ALL;
            case "SUCCESS" -> BillKind.TRADE_SUCCESS;
            case "REFUND" -> BillKind.TRADE_REFUND;
            case "RECHARGE_REFUND", "ALL_SPECIAL", "SUC_SPECIAL", "REF_SPECIAL" -> throw V3Error.paramError(
                    "bill_type " + billType + " is for industries Lingqian does not serve; use ALL, SUCCESS or REFUND");
            default -> throw V3Error.paramError("bill_type must be ALL, SUCCESS or REFUND");
        };
        return apply(caller, owner, billDate, kind, tarType);
    }

    /** {@code account_type} BASIC (default); Lingqian merchants have no operation or fee account. */
    @GetMapping("/v3/bill/fundflowbill")
    Map<String, String> fundFlowBill(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam(name = "bill_date", required = false) String billDate,
            @RequestParam(name = "account_type", required = false) String accountType,
            @RequestParam(name = "tar_type", required = false) String tarType) {
        switch (accountType == null ? "BASIC" : accountType) {
            case "BASIC" -> { }
            case "OPERATION", "FEES" -> throw new V3Error(HttpStatus.BAD_REQUEST, "NO_STATEMENT_EXIST",
                    "this merchant has no " + accountType + " account: fees are deducted in the BASIC account");
            default -> throw V3Error.paramError("account_type must be BASIC, OPERATION or FEES");
        }
        return apply(caller, caller.merchantId(), billDate, BillKind.FUND_BASIC, tarType);
    }

    @GetMapping(DOWNLOAD_PATH)
    void download(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam(name = "token", required = false) String token, HttpServletResponse response)
            throws IOException {
        BillDownload download = (token == null || !TOKEN.matcher(token).matches()) ? null
                : bills.download(caller.merchantId(), token).orElse(null);
        if (download == null) {
            throw V3Error.invalidRequest("the download_url is unknown, expired or another merchant's; apply for the bill again");
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("application/octet-stream");
        if (!download.gzip()) {
            response.setContentLengthLong(download.file().sizeBytes());
        }
        OutputStream body = response.getOutputStream();
        if (download.gzip()) {
            bills.copyGzip(download.file(), body);
        } else {
            bills.copy(download.file(), body);
        }
        body.flush();
    }

    private Map<String, String> apply(MerchantApiCaller caller, long owner, String billDate, BillKind kind,
            String tarType) {
        if (billDate == null || billDate.isEmpty()) {
            throw V3Error.paramError("bill_date is required, as yyyy-MM-dd");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(billDate, DATE);
        } catch (DateTimeParseException e) {
            throw V3Error.paramError("bill_date must be a date as yyyy-MM-dd");
        }
        if (tarType != null && !tarType.equals("GZIP")) {
            throw V3Error.paramError("tar_type must be GZIP or left out");
        }
        BillDownload download;
        try {
            download = bills.apply(caller.merchantId(), owner, day, kind, tarType != null);
        } catch (BillRefusal e) {
            throw new V3Error(HttpStatus.BAD_REQUEST, switch (e.reason()) {
                case DATE_OUT_OF_RANGE -> V3Error.PARAM_ERROR;
                case STATEMENT_CREATING -> "STATEMENT_CREATING";
                case NO_STATEMENT_EXIST -> "NO_STATEMENT_EXIST";
            }, e.getMessage());
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("hash_type", "SHA1");
        answer.put("hash_value", download.file().sha1());
        answer.put("download_url", settings.downloadBaseUrl() + DOWNLOAD_PATH + "?token=" + download.token());
        return answer;
    }
}
