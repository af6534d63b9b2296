package io.lingqian.web.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.reconciliation.ReconItem;
import io.lingqian.reconciliation.Reconciliation;

/** Reconciliation for scripts and the finance team: import a statement, run a day, resolve an item. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class ReconciliationApiController {

    private final Reconciliation reconciliation;

    ReconciliationApiController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping(path = "/admin/api/reconciliation/{bank}/{day}/statement", consumes = "text/csv")
    Map<String, Object> importStatement(@PathVariable String bank, @PathVariable String day, @RequestBody String csv) {
        return Map.of("lines", reconciliation.importFile(bank(bank), day(day), csv));
    }

    @PostMapping("/admin/api/reconciliation/{bank}/{day}/runs")
    Reconciliation.DayReport run(@PathVariable String bank, @PathVariable String day) {
        return reconciliation.run(bank(bank), day(day));
    }

    @GetMapping("/admin/api/reconciliation/{bank}/{day}")
    Reconciliation.DayReport report(@PathVariable String bank, @PathVariable String day) {
        return reconciliation.report(bank(bank), day(day));
    }

    record Resolution(String reason) {
    }

    @PostMapping("/admin/api/reconciliation/items/{id}/resolve")
    ReconItem resolve(@PathVariable long id, @RequestBody Resolution body, @AuthenticationPrincipal SignedInUser staff) {
        return reconciliation.resolve(id, body == null ? null : body.reason(), staff.id(), staff.displayName());
    }

    static PartnerBank bank(String bank) {
        try {
            return PartnerBank.valueOf(bank.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.BAD_REQUEST,
                    "Unknown bank " + bank + "; one of " + java.util.Arrays.toString(PartnerBank.values()));
        }
    }

    static LocalDate day(String day) {
        try {
            return LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.BAD_REQUEST, "Days are written yyyy-MM-dd.");
        }
    }
}
