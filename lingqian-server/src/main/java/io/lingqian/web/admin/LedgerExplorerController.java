package io.lingqian.web.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.Transfer;
import io.lingqian.operations.LedgerExplorer;
import io.lingqian.reconciliation.Reconciliation;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The ledger explorer for FINANCE and ADMIN: find an account by id, reference or owner; its balances
 * (posted, pending, available) and its statement with the running balance, a page at a time or the
 * whole of a date range as a streamed CSV; any transfer with the batch it was written in, the hold it
 * resolves and the business object it belongs to; the platform accounts; and the latest invariant
 * check with the journal's hash-chain verification, which staff can run now. Read-only apart from
 * running the check: money never moves through these pages.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class LedgerExplorerController {

    static final int PAGE = 100;
    /** Longest range of one CSV statement. */
    static final int MAX_CSV_DAYS = 366;

    private final LedgerExplorer explorer;
    private final Ledger ledger;
    private final LedgerJobs jobs;
    private final Reconciliation reconciliation;
    private final Clock clock;

    LedgerExplorerController(LedgerExplorer explorer, Ledger ledger, LedgerJobs jobs, Reconciliation reconciliation,
            Clock clock) {
        this.explorer = explorer;
        this.ledger = ledger;
        this.jobs = jobs;
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @GetMapping("/admin/ledger")
    String home(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("hits", q == null ? null : explorer.search(q));
        model.addAttribute("platform", explorer.platformAccounts());
        model.addAttribute("check", jobs.latestCheck().orElse(null));
        return "admin/ledger";
    }

    /** Runs the invariant check, which includes the hash-chain verification of the whole journal. */
    @PostMapping("/admin/ledger/checks")
    String runCheck(RedirectAttributes redirect) {
        InvariantReport report = jobs.checkInvariants();
        redirect.addFlashAttribute(report.ok() ? "notice" : "problem", report.ok()
                ? "Every invariant holds and every journal chain is intact."
                : report.violations().size() + " invariant violations, " + report.journal().firstBroken().size()
                        + " broken journal chains.");
        return "redirect:/admin/ledger";
    }

    @GetMapping("/admin/ledger/accounts/{id}")
    String account(@PathVariable long id, @RequestParam(defaultValue = "0") long after, Model model) {
        LedgerExplorer.AccountView account = explorer.account(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account " + id));
        Statement page = ledger.statement(id, Math.max(0, after), PAGE);
        LocalDate today = LocalDate.now(clock.withZone(Reconciliation.CST));
        model.addAttribute("view", account);
        model.addAttribute("page", page);
        model.addAttribute("after", after);
        model.addAttribute("counterparties", explorer.accounts(page.lines().stream()
                .map(Statement.Line::counterpartyAccountId).distinct().toList()));
        model.addAttribute("codes", new CodeNames());
        model.addAttribute("csvFrom", today.minusDays(30));
        model.addAttribute("csvTo", today);
        return "admin/ledger-account";
    }

    /** The statement of a range of China Standard Time days as CSV, streamed row by row from the database. */
    @GetMapping("/admin/ledger/accounts/{id}/statement.csv")
    void statementCsv(@PathVariable long id, @RequestParam String from, @RequestParam String to,
            HttpServletResponse response) throws IOException {
        LedgerExplorer.AccountView account = explorer.account(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account " + id));
        LocalDate first = ReconciliationConsoleController.dayOf(from);
        LocalDate last = ReconciliationConsoleController.dayOf(to);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_CSV_DAYS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A statement covers 1 to " + MAX_CSV_DAYS + " days, from ≤ to.");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"account-" + id + "-" + first + "-" + last
                + ".csv\"");
        PrintWriter out = response.getWriter();
        out.print("seq,transfer_id,at,kind,side,code,reference,counterparty,amount_cny,balance_cny\r\n");
        ledger.statement(id, first.atStartOfDay(Reconciliation.CST).toInstant(),
                last.plusDays(1).atStartOfDay(Reconciliation.CST).toInstant(), line -> {
                    out.print(line.seq() + "," + csv(line.transferId()) + "," + line.at() + "," + line.kind() + ","
                            + line.side() + "," + new CodeNames().of(line.code()) + "," + csv(line.reference()) + ","
                            + line.counterpartyAccountId() + "," + plain(line.amount()) + ","
                            + plain(account.balance(line.after())) + "\r\n");
                    if (out.checkError()) {
                        throw new UncheckedIOException(new IOException("the client went away"));
                    }
                });
        out.flush();
    }

    /** A transfer id typed into the search box. */
    @GetMapping("/admin/ledger/transfers")
    String findTransfer(@RequestParam String id) {
        return "redirect:/admin/ledger/transfers/" + URLEncoder.encode(id.strip(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    @GetMapping("/admin/ledger/transfers/{id}")
    String transfer(@PathVariable String id, Model model) {
        Transfer transfer = ledger.transfer(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No transfer " + id));
        List<Transfer> batch = explorer.batchOf(transfer);
        LedgerExplorer.BusinessObject object = explorer.businessObject(transfer.reference()).orElse(null);
        model.addAttribute("transfer", transfer);
        model.addAttribute("batch", batch);
        model.addAttribute("resolution", explorer.resolutionOf(transfer).orElse(null));
        model.addAttribute("object", object);
        model.addAttribute("objectLink", object == null ? null : link(object));
        model.addAttribute("sameReference", transfer.reference() == null ? List.of()
                : ledger.transfersByReference(transfer.reference()));
        model.addAttribute("accounts", explorer.accounts(batch.stream()
                .flatMap(t -> java.util.stream.Stream.of(t.debitAccountId(), t.creditAccountId())).distinct().toList()));
        model.addAttribute("codes", new CodeNames());
        return "admin/ledger-transfer";
    }

    /** The console page of a business object, where there is one. */
    private String link(LedgerExplorer.BusinessObject object) {
        if (object.orderId() != null) {
            return "/admin/orders/" + object.orderId();
        }
        if (object.kind().equals("reconciliation item") && object.key().matches("\\d{1,18}")) {
            return reconciliation.item(Long.parseLong(object.key()))
                    .map(i -> "/admin/reconciliation/" + i.bank() + "/" + i.day()).orElse(null);
        }
        return null;
    }

    /** Transfer codes by name, for the pages (a code no longer in the chart shows as its number). */
    public static final class CodeNames {
        public String of(int code) {
            try {
                return TransferCode.ofCode(code).name();
            } catch (IllegalArgumentException unknown) {
                return String.valueOf(code);
            }
        }
    }

    private static String plain(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
