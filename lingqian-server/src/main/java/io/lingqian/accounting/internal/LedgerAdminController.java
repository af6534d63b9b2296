package io.lingqian.accounting.internal;

import io.lingqian.accounting.AccountType;
import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.Transfer;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The ledger for finance staff: accounts, statements, transfers and the invariant check. Read-only
 * except for running the check; money never moves through this API.
 */
@RestController
@RequestMapping("/admin/api/ledger")
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class LedgerAdminController {

    private final Ledger ledger;
    private final LedgerJobs jobs;

    LedgerAdminController(Ledger ledger, LedgerJobs jobs) {
        this.ledger = ledger;
        this.jobs = jobs;
    }

    /** An account with its type and balances as a person reads them. */
    record AccountView(Account account, String type, String normalSide, long balance, long available) {
        static AccountView of(Account a) {
            AccountType type = AccountType.ofCode(a.code());
            boolean credit = type.normalSide() == AccountType.Side.CREDIT;
            return new AccountView(a, type.name(), type.normalSide().name(),
                    credit ? a.balances().creditBalance() : a.balances().debitBalance(),
                    credit ? a.balances().availableCredit() : a.balances().availableDebit());
        }
    }

    @GetMapping("/platform-accounts")
    List<AccountView> platformAccounts() {
        return ledger.accounts(PlatformAccount.all().stream().map(PlatformAccount::id).toList())
                .stream().map(AccountView::of).toList();
    }

    @GetMapping("/accounts/{id}")
    AccountView account(@PathVariable long id) {
        return ledger.account(id).map(AccountView::of).orElseThrow(() -> notFound("account " + id));
    }

    @GetMapping("/accounts/{id}/statement")
    Statement statement(@PathVariable long id, @RequestParam(defaultValue = "0") long afterSeq,
                        @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw badRequest("limit must be between 1 and 1000");
        }
        if (ledger.account(id).isEmpty()) {
            throw notFound("account " + id);
        }
        return ledger.statement(id, afterSeq, limit);
    }

    @GetMapping("/transfers/{id}")
    Transfer transfer(@PathVariable String id) {
        return ledger.transfer(id).orElseThrow(() -> notFound("transfer " + id));
    }

    @GetMapping("/transfers")
    List<Transfer> transfersByReference(@RequestParam String reference) {
        return ledger.transfersByReference(reference);
    }

    @PostMapping("/checks")
    InvariantReport runCheck() {
        return jobs.checkInvariants();
    }

    @GetMapping("/checks/latest")
    InvariantReport latestCheck() {
        return jobs.latestCheck().orElseThrow(() -> notFound("invariant check (none has run since start-up)"));
    }

    private static ApiProblemException notFound(String what) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such " + what);
    }

    private static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.BAD_REQUEST, detail);
    }
}
