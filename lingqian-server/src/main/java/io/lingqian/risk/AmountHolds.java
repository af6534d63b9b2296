package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.audit.AuditLog;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.HoldStore;
import io.lingqian.wallet.WalletUsers;

/**
 * Amount holds: staff freeze part of a wallet's balance (with a reason and an optional expiry) instead
 * of the whole wallet. The hold is a pending ledger transfer {@code wallet → platform:risk_hold}, posted
 * last in the transaction that records it, so the amount is no longer available to any outflow while
 * the rest of the balance is; releasing (staff) or expiring voids it. A hold is never posted: the money
 * only ever goes back to being available. Every hold and release is in the audit log and the case.
 */
@Service
public class AmountHolds {

    public static final int MAX_KEY = 64;

    private final HoldStore store;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final RiskCases cases;
    private final AuditLog audit;
    private final WalletUsers users;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AmountHolds(HoldStore store, CustomerAccounts accounts, Ledger ledger, RiskCases cases, AuditLog audit,
            WalletUsers users, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.ledger = ledger;
        this.cases = cases;
        this.audit = audit;
        this.users = users;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Holds an amount of the user's balance. The same request key with the same content answers the
     * hold it made; with other content it is refused.
     *
     * @param expiresAt when the hold ends by itself, or null (until staff release it)
     * @throws ApiProblemException {@code invalid_amount}, {@code invalid_reason}, {@code invalid_expiry},
     *         {@code invalid_request_key} (400), {@code not_found} (404), {@code request_key_reused},
     *         {@code wallet_frozen} (409: the whole wallet is frozen already), {@code hold_exceeds_balance} (422)
     */
    public AmountHold hold(String requestKey, long userId, long amountFen, String reason, Instant expiresAt,
            long staffId, String staffName) {
        if (requestKey == null || requestKey.isBlank() || requestKey.length() > MAX_KEY) {
            throw invalid("invalid_request_key", "The form's request key is missing; reload the page.");
        }
        if (amountFen <= 0) {
            throw invalid("invalid_amount", "Hold a positive amount.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 300) {
            throw invalid("invalid_reason", "Give a reason (1-300 characters).");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw invalid("invalid_expiry", "An expiry is in the future.");
        }
        Optional<HoldStore.Row> existing = store.byRequestKey(requestKey);
        if (existing.isPresent()) {
            return repeat(existing.get(), userId, amountFen, why);
        }
        if (!users.exists(userId)) {
            throw new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such wallet user.");
        }
        long wallet = accounts.openWallet(userId);
        try {
            long id = transaction.execute(status -> {
                Instant now = clock.instant();
                long created = store.insert(requestKey, userId, amountFen, why, staffName, now, expiresAt);
                String detail = amountFen + " fen held: " + why + (expiresAt == null ? "" : " (until " + expiresAt + ")");
                cases.record(userId, "AMOUNT_HELD", "HOLD", detail, staffName);
                audit.staff(staffId, staffName, "AMOUNT_HELD", "user:" + userId, "hold " + created + ", " + detail);
                TransferResult result = ledger.createTransfer(TransferRequest.pending(AmountHold.transferId(created),
                        wallet, PlatformAccount.RISK_HOLD.id(), amountFen, Ledger.CNY, TransferCode.RISK_HOLD.code(), 0,
                        AmountHold.transferId(created)));
                refuseIfFailed(result);
                return created;
            });
            return get(id);
        } catch (DuplicateKeyException sameKeyAtOnce) {
            return repeat(store.byRequestKey(requestKey).orElseThrow(() -> sameKeyAtOnce), userId, amountFen, why);
        }
    }

    /**
     * Staff release a hold: the amount is available again.
     *
     * @throws ApiProblemException {@code not_found}, {@code hold_ended} (409)
     */
    public AmountHold release(long holdId, long staffId, String staffName, String note) {
        String text = note == null ? "" : note.strip();
        transaction.executeWithoutResult(status -> {
            HoldStore.Row row = store.lock(holdId).orElseThrow(AmountHolds::notFound);
            end(row, AmountHold.State.RELEASED, staffName);
            audit.staff(staffId, staffName, "AMOUNT_RELEASED", "user:" + row.userId(), "hold " + holdId
                    + (text.isEmpty() ? "" : ": " + text));
        });
        return get(holdId);
    }

    /** Ends the holds whose expiry passed; how many (a job, and tests by hand). */
    public int expire() {
        int n = 0;
        for (long id : store.expiredActive(clock.instant(), 500)) {
            Boolean ended = transaction.execute(status -> {
                HoldStore.Row row = store.lock(id).orElseThrow();
                if (!row.state().equals(AmountHold.State.ACTIVE.name())) {
                    return false;
                }
                end(row, AmountHold.State.EXPIRED, "expiry");
                audit.system("expiry", "AMOUNT_RELEASED", "user:" + row.userId(), "hold " + id + " expired");
                return true;
            });
            n += Boolean.TRUE.equals(ended) ? 1 : 0;
        }
        return n;
    }

    public AmountHold get(long holdId) {
        return store.get(holdId).map(AmountHolds::view).orElseThrow(AmountHolds::notFound);
    }

    /** The user's holds, newest first. */
    public List<AmountHold> ofUser(long userId) {
        return store.ofUser(userId).stream().map(AmountHolds::view).toList();
    }

    /** What the user's active holds add up to. */
    public long heldFen(long userId) {
        return ofUser(userId).stream().filter(h -> h.state() == AmountHold.State.ACTIVE)
                .mapToLong(AmountHold::amountFen).sum();
    }

    /** The state change and case line first, the ledger's void last (in the caller's transaction). */
    private void end(HoldStore.Row row, AmountHold.State target, String by) {
        AmountHold.State.valueOf(row.state()).next(target);
        store.end(row.id(), target.name(), by, clock.instant());
        cases.record(row.userId(), "AMOUNT_" + target.name(), "HOLD", row.amountFen() + " fen of hold " + row.id()
                + " " + target.name().toLowerCase() + " by " + by, by);
        ledger.createTransfer(TransferRequest.voidPending(AmountHold.transferId(row.id()) + ":void",
                AmountHold.transferId(row.id()))).orThrow();
    }

    private AmountHold repeat(HoldStore.Row row, long userId, long amountFen, String reason) {
        if (row.userId() != userId || row.amountFen() != amountFen || !row.reason().equals(reason)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "request_key_reused",
                    "This form was already used for another hold; reload the page.");
        }
        return view(row);
    }

    private static void refuseIfFailed(TransferResult result) {
        if (result.ok()) {
            return;
        }
        if (result.result() == CreateTransferResult.EXCEEDS_CREDITS) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "hold_exceeds_balance",
                    "The wallet's available balance is less than that amount.");
        }
        if (result.result() == CreateTransferResult.DEBIT_ACCOUNT_FROZEN) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "wallet_frozen",
                    "The whole wallet is frozen already; nothing more to hold.");
        }
        result.orThrow();
    }

    private static ApiProblemException invalid(String code, String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, code, detail);
    }

    private static ApiProblemException notFound() {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such hold.");
    }

    private static AmountHold view(HoldStore.Row r) {
        return new AmountHold(r.id(), r.userId(), r.amountFen(), AmountHold.State.valueOf(r.state()), r.reason(),
                r.actor(), r.createdAt().toInstant(), r.expiresAt() == null ? null : r.expiresAt().toInstant(),
                r.endedAt() == null ? null : r.endedAt().toInstant(), r.endedBy());
    }
}
