package io.lingqian.web.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.operations.ReconciliationRuns;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.reconciliation.Difference;
import io.lingqian.reconciliation.ItemState;
import io.lingqian.reconciliation.ReconItem;
import io.lingqian.reconciliation.ReconRun;
import io.lingqian.reconciliation.Reconciliation;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The reconciliation console for FINANCE and ADMIN: pick a bank and a day, import a statement file,
 * run the day with a progress bar (htmx polls the stored progress), see the differences by class,
 * resolve an item with a reason (through {@link Reconciliation#resolve}, which books the correction
 * and the audit record), and the summary report of a day across all banks.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class ReconciliationConsoleController {

    /** Largest statement file accepted from the browser; a bank's day of a large platform is far below it. */
    private static final long MAX_UPLOAD = 20L * 1024 * 1024;

    private final Reconciliation reconciliation;
    private final ReconciliationRuns runs;
    private final Clock clock;

    ReconciliationConsoleController(Reconciliation reconciliation, ReconciliationRuns runs, Clock clock) {
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.clock = clock;
    }

    @GetMapping("/admin/reconciliation")
    String index(@RequestParam(required = false) String bank, @RequestParam(required = false) String day,
            Model model) {
        if (bank != null && !bank.isBlank() && day != null && !day.isBlank()) {
            return "redirect:/admin/reconciliation/" + bankOf(bank) + "/"
                    + dayOf(day);
        }
        LocalDate yesterday = LocalDate.now(clock.withZone(Reconciliation.CST)).minusDays(1);
        model.addAttribute("banks", PartnerBank.values());
        model.addAttribute("day", yesterday);
        model.addAttribute("recent", reconciliation.recentRuns(30));
        model.addAttribute("open", reconciliation.openItems(200));
        return "admin/reconciliation";
    }

    @GetMapping("/admin/reconciliation/{bank}/{day}")
    String day(@PathVariable String bank, @PathVariable String day, Model model) {
        PartnerBank partner = bankOf(bank);
        LocalDate date = dayOf(day);
        Reconciliation.DayReport report = reconciliation.report(partner, date);
        Map<Difference, List<ReconItem>> byClass = new EnumMap<>(Difference.class);
        for (Difference d : Difference.values()) {
            byClass.put(d, new ArrayList<>());
        }
        report.items().forEach(i -> byClass.get(i.difference()).add(i));
        model.addAttribute("bank", partner);
        model.addAttribute("day", date);
        model.addAttribute("run", report.run());
        model.addAttribute("byClass", byClass);
        model.addAttribute("openCount", report.items().stream().filter(i -> i.state() == ItemState.OPEN).count());
        model.addAttribute("progress", runs.progress(partner, date));
        return "admin/reconciliation-day";
    }

    /** Imports a statement file, uploaded or pasted; a refusal names the wrong line and imports nothing. */
    @PostMapping("/admin/reconciliation/{bank}/{day}/statement")
    String importStatement(@PathVariable String bank, @PathVariable String day,
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String csv,
            RedirectAttributes redirect) throws IOException {
        PartnerBank partner = bankOf(bank);
        LocalDate date = dayOf(day);
        String content;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_UPLOAD) {
                redirect.addFlashAttribute("problem", "The file is larger than 20 MB; nothing was imported.");
                return back(partner, date);
            }
            content = new String(file.getBytes(), StandardCharsets.UTF_8);
        } else {
            content = csv == null ? "" : csv;
        }
        if (content.isBlank()) {
            redirect.addFlashAttribute("problem", "Choose a statement file or paste its lines; nothing was imported.");
            return back(partner, date);
        }
        try {
            int lines = reconciliation.importFile(partner, date, content);
            redirect.addFlashAttribute("notice", "Imported " + lines + " statement lines of " + partner + " for "
                    + date + ".");
        } catch (ApiProblemException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return back(partner, date);
    }

    /** Starts the day's run; htmx gets the progress bar, which polls until the run is over. */
    @PostMapping("/admin/reconciliation/{bank}/{day}/run")
    String run(@PathVariable String bank, @PathVariable String day,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        PartnerBank partner = bankOf(bank);
        LocalDate date = dayOf(day);
        ReconciliationRuns.Progress progress = runs.start(partner, date);
        if (htmx == null) {
            return back(partner, date);
        }
        return progressFragment(progress, model, response);
    }

    @GetMapping("/admin/reconciliation/{bank}/{day}/progress")
    String progress(@PathVariable String bank, @PathVariable String day, Model model, HttpServletResponse response) {
        PartnerBank partner = bankOf(bank);
        LocalDate date = dayOf(day);
        return progressFragment(runs.progress(partner, date), model, response);
    }

    private static String progressFragment(ReconciliationRuns.Progress progress, Model model,
            HttpServletResponse response) {
        model.addAttribute("progress", progress);
        if (progress.phase() == ReconciliationRuns.Phase.DONE) {
            // The run is over: reload the page so the summary and the items show.
            response.setHeader("HX-Refresh", "true");
        }
        return "admin/reconciliation-day :: progress";
    }

    @PostMapping("/admin/reconciliation/items/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        ReconItem item = reconciliation.item(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            ReconItem resolved = reconciliation.resolve(id, reason, staff.id(), staff.displayName());
            redirect.addFlashAttribute("notice", "Item " + id + " resolved"
                    + (resolved.correctionId() == null ? " (no correction needed)." : " with correction "
                    + resolved.correctionId() + "."));
        } catch (ApiProblemException refused) {
            redirect.addFlashAttribute("problem", "Item " + id + ": " + refused.getMessage());
        }
        return back(PartnerBank.valueOf(item.bank()), item.day());
    }

    /** One day across every bank: each bank's summary and its items by class and state. */
    @GetMapping("/admin/reconciliation/report")
    String report(@RequestParam(required = false) String day, Model model) {
        LocalDate date = day == null || day.isBlank()
                ? LocalDate.now(clock.withZone(Reconciliation.CST)).minusDays(1)
                : dayOf(day);
        List<BankLine> lines = new ArrayList<>();
        long[] totals = new long[8];
        for (PartnerBank bank : PartnerBank.values()) {
            Reconciliation.DayReport r = reconciliation.report(bank, date);
            Map<Difference, int[]> counts = new EnumMap<>(Difference.class);
            for (Difference d : Difference.values()) {
                counts.put(d, new int[3]);
            }
            r.items().forEach(i -> counts.get(i.difference())[i.state().ordinal()]++);
            lines.add(new BankLine(bank, r.run(), counts));
            if (r.run() != null) {
                ReconRun run = r.run();
                long[] add = {run.total(), run.matched(), run.differences(), run.autoResolved(), run.bankInFen(),
                        run.bankOutFen(), run.ledgerInFen(), run.ledgerOutFen()};
                for (int k = 0; k < add.length; k++) {
                    totals[k] += add[k];
                }
            }
        }
        model.addAttribute("day", date);
        model.addAttribute("lines", lines);
        model.addAttribute("totals", totals);
        model.addAttribute("differences", Difference.values());
        model.addAttribute("notRun", lines.stream().filter(l -> l.run() == null).map(l -> l.bank().name()).toList());
        return "admin/reconciliation-report";
    }

    /**
     * One bank's line of the day report.
     *
     * @param counts per class: items OPEN, RESOLVED, AUTO_RESOLVED (in {@link ItemState} order)
     */
    record BankLine(PartnerBank bank, ReconRun run, Map<Difference, int[]> counts) {

        public int open() {
            return counts.values().stream().mapToInt(c -> c[ItemState.OPEN.ordinal()]).sum();
        }
    }

    /** A bank named in a page's address; a wrong one is a 400 page, not a server error. */
    static PartnerBank bankOf(String bank) {
        try {
            return ReconciliationApiController.bank(bank);
        } catch (ApiProblemException wrong) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, wrong.getMessage());
        }
    }

    /** A day (yyyy-MM-dd) named in a page's address or form. */
    static LocalDate dayOf(String day) {
        try {
            return ReconciliationApiController.day(day);
        } catch (ApiProblemException wrong) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, wrong.getMessage());
        }
    }

    private static String back(PartnerBank bank, LocalDate day) {
        return "redirect:/admin/reconciliation/" + bank + "/" + day;
    }
}
