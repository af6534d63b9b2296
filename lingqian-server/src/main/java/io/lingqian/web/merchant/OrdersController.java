package io.lingqian.web.merchant;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.bill.BillFile;
import io.lingqian.bill.BillKind;
import io.lingqian.bill.BillRefusal;
import io.lingqian.bill.Bills;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.TradeState;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.web.OrderViews;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The merchant's orders: a searchable list, each order with its state history and its ledger
 * postings, and the bill download (the same files the API serves). Only the signed-in merchant's own:
 * another merchant's order number is simply not found.
 */
@Controller("merchantOrdersController")
class OrdersController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final PaymentRecords records;
    private final Ledger ledger;
    private final Bills bills;
    private final java.time.Clock clock;

    OrdersController(MerchantAccounts accounts, PaymentRecords records, Ledger ledger, Bills bills,
            java.time.Clock clock) {
        this.accounts = accounts;
        this.records = records;
        this.ledger = ledger;
        this.bills = bills;
        this.clock = clock;
    }

    @GetMapping("/merchant/orders")
    String list(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String number,
            @RequestParam(required = false) String state, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
        OrderViews.Search search = OrderViews.search(null, number, state, from, to);
        model.addAttribute("search", search);
        model.addAttribute("states", TradeState.values());
        model.addAttribute("result", records.merchantOrders(merchantId(signedIn), search.filter(), page));
        model.addAttribute("zone", CHINA);
        return "merchant/orders";
    }

    @GetMapping("/merchant/orders/{outTradeNo}")
    String order(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String outTradeNo, Model model) {
        long merchantId = merchantId(signedIn);
        PaymentOrder order = records.merchantOrder(merchantId, outTradeNo)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String settlement = CustomerAccounts.merchantSettlementReference(merchantId);
        model.addAttribute("order", order);
        model.addAttribute("events", records.events(order.id()));
        model.addAttribute("discounts", records.discountsOf(order));
        model.addAttribute("entries", OrderViews.entries(ledger, order, reference -> {
            if (settlement.equals(reference)) {
                return "Your settlement account";
            }
            if (PlatformAccount.FEE_INCOME.reference().equals(reference)) {
                return "Lingqian fees";
            }
            // The payer's account numbers are not the merchant's business.
            return reference.startsWith("wallet:") ? "The payer's balance" : "Lingqian";
        }));
        model.addAttribute("zone", CHINA);
        return "merchant/order";
    }

    @GetMapping("/merchant/bills")
    String billsPage(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        merchantId(signedIn);
        model.addAttribute("kinds", BillKind.values());
        model.addAttribute("yesterday", LocalDate.ofInstant(clock.instant(), CHINA).minusDays(1));
        return "merchant/bills";
    }

    /** The bill as a CSV attachment, streamed from the stored file; a day without a bill goes back to the page with why. */
    @GetMapping("/merchant/bills/file")
    String billFile(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String date,
            @RequestParam String kind, HttpServletResponse response, RedirectAttributes flash) throws IOException {
        long merchantId = merchantId(signedIn);
        BillFile file;
        try {
            file = bills.prepare(merchantId, LocalDate.parse(date), BillKind.valueOf(kind));
        } catch (BillRefusal e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/merchant/bills";
        } catch (DateTimeParseException | IllegalArgumentException e) {
            flash.addFlashAttribute("problem", "Choose a day and a bill.");
            return "redirect:/merchant/bills";
        }
        response.setContentType("text/csv; charset=utf-8");
        response.setContentLengthLong(file.sizeBytes());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                + file.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + file.day() + ".csv\"");
        bills.copy(file, response.getOutputStream());
        return null;
    }

    private long merchantId(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }
}
