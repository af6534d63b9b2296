package io.lingqian.care;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.care.internal.FundStore;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;

/**
 * The compensation fund (account {@code platform:compensation_fund}, no overdraft): approved claims
 * are paid out of it, and staff with the money roles fill it from operator capital
 * ({@code FUND_ALLOCATION}, docs/ledger.md). An allocation is idempotent on the request key its form
 * carries: the same key again allocates nothing more; the same key with another amount is refused.
 */
@Service
public class CompensationFund {

    /** A request key: what the form or the API client made up for this one allocation. */
    public static final Pattern REQUEST_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final FundStore store;
    private final Ledger ledger;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CompensationFund(FundStore store, Ledger ledger, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** What the fund holds now. */
    public long balanceFen() {
        return balance(PlatformAccount.COMPENSATION_FUND);
    }

    /** What operator capital holds now: the most that can be allocated. */
    public long operatorCapitalFen() {
        return balance(PlatformAccount.OPERATOR_CAPITAL);
    }

    private long balance(PlatformAccount account) {
        return ledger.account(account.id()).map(a -> a.balances().creditBalance()).orElse(0L);
    }

    public List<FundAllocation> recentAllocations(int limit) {
        return store.recent(limit);
    }

    /**
     * Moves money from operator capital into the fund, or answers a repeat of the same request with
     * the allocation it made.
     *
     * @param actor who asks, for the record ({@code staff:<username>})
     * @throws io.lingqian.platform.ApiProblemException {@code validation_failed} (bad key or amount),
     *         {@code request_key_reused} (the key was used with another amount), {@code capital_short}
     */
    public FundAllocation allocate(String requestKey, long amountFen, String actor) {
        if (requestKey == null || !REQUEST_KEY.matcher(requestKey).matches()) {
            throw CareProblems.invalid("validation_failed", "The request key must be 8 to 64 letters, digits, '_' or '-'.");
        }
        if (amountFen <= 0) {
            throw CareProblems.invalid("validation_failed", "Allocate a positive amount.");
        }
        return transaction.execute(status -> {
            if (!store.insert(requestKey, amountFen, actor, clock.instant())) {
                FundAllocation earlier = store.byKey(requestKey).orElseThrow();
                if (earlier.amountFen() != amountFen) {
                    throw CareProblems.conflict("request_key_reused", "Request " + requestKey
                            + " allocated " + earlier.amountFen() + " fen, not " + amountFen + ".");
                }
                return earlier;
            }
            // Operator capital carries no overdraft flag (it may be negative while capital is being
            // paid in), so the check is ours: staff cannot allocate money the operator has not put in.
            long capital = operatorCapitalFen();
            if (amountFen > capital) {
                throw CareProblems.refused("capital_short", "Operator capital holds " + capital
                        + " fen, less than the " + amountFen + " fen to allocate.");
            }
            String id = "fund-allocation:compensation:" + requestKey;
            TransferResult result = ledger.createTransfer(TransferRequest.single(id,
                    PlatformAccount.OPERATOR_CAPITAL.id(), PlatformAccount.COMPENSATION_FUND.id(), amountFen,
                    Ledger.CNY, TransferCode.FUND_ALLOCATION.code(), id));
            result.orThrow();
            return store.byKey(requestKey).orElseThrow();
        });
    }
}
