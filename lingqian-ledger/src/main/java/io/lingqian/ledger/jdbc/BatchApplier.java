package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static io.lingqian.ledger.CreateTransferResult.*;

/**
 * The ledger's rules, applied in memory to a batch whose accounts and holds are already locked.
 * No I/O: given the same state and requests it always gives the same results, which is what lets
 * the rules be tested and reasoned about apart from the database.
 *
 * <p>Transfers are applied in order. A linked chain is applied tentatively; when one member fails,
 * every change of the chain is undone and the other members report {@code LINKED_EVENT_FAILED}.
 */
final class BatchApplier {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + TransferRequest.MAX_ID_LENGTH + "}");
    /** Suffix of the void the sweeper writes for an expired hold; clients cannot use '#'. */
    static final String EXPIRY_SUFFIX = "#expired";

    private final Instant now;
    private final Map<Long, AccountState> accounts;
    private final Map<String, PendingState> pendings;
    private final Map<String, Transfer> existing;
    private final Set<String> expiryVoids;
    private long nextSeq;

    /** Rows created by this batch, in order. */
    final List<JournalRow> created = new ArrayList<>();
    /** History rows (account id, row, balances after) for accounts flagged HISTORY. */
    final List<HistoryEntry> history = new ArrayList<>();
    private final Map<String, JournalRow> createdById = new HashMap<>();

    record HistoryEntry(long accountId, JournalRow row, Balances after) {
    }

    /** What one request came to: a result code, and the row it refers to (new, earlier in the batch, or stored). */
    static final class Outcome {
        CreateTransferResult result;
        JournalRow row;
        Transfer stored;
    }

    /**
     * @param accounts   every account the batch touches, locked
     * @param pendings   every hold the batch posts or voids, locked (missing ones are unknown)
     * @param existing   stored transfers whose ids the batch uses, as request ids or as pending ids
     * @param expiryVoids ids of sweeper-made voids: allowed the '#' suffix and to void an expired hold
     * @param firstSeq   the seq of the first transfer this batch creates
     */
    BatchApplier(Instant now, Map<Long, AccountState> accounts, Map<String, PendingState> pendings,
                 Map<String, Transfer> existing, Set<String> expiryVoids, long firstSeq) {
        this.now = now;
        this.accounts = accounts;
        this.pendings = pendings;
        this.existing = existing;
        this.expiryVoids = expiryVoids;
        this.nextSeq = firstSeq;
    }

    List<Outcome> apply(List<TransferRequest> requests) {
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        int i = 0;
        while (i < requests.size()) {
            int end = i;
            while (end < requests.size() - 1 && requests.get(end).linked()) {
                end++;
            }
            boolean chainOpen = requests.get(end).linked();
            List<TransferRequest> chain = requests.subList(i, end + 1);
            outcomes.addAll(chain.size() == 1 && !chainOpen ? List.of(applyOne(chain.get(0))) : applyChain(chain, chainOpen));
            i = end + 1;
        }
        return outcomes;
    }

    private List<Outcome> applyChain(List<TransferRequest> chain, boolean chainOpen) {
        Checkpoint checkpoint = new Checkpoint();
        List<Outcome> outcomes = new ArrayList<>(chain.size());
        int failedAt = -1;
        for (int k = 0; k < chain.size(); k++) {
            TransferRequest t = chain.get(k);
            checkpoint.remember(t);
            Outcome o = applyOne(t);
            outcomes.add(o);
            if (!o.result.ok()) {
                failedAt = k;
                break;
            }
        }
        if (failedAt < 0 && chainOpen) {
            failedAt = chain.size() - 1;
            outcomes.set(failedAt, failure(LINKED_EVENT_CHAIN_OPEN));
        }
        if (failedAt < 0) {
            return outcomes;
        }
        checkpoint.undo();
        List<Outcome> failed = new ArrayList<>(chain.size());
        for (int k = 0; k < chain.size(); k++) {
            failed.add(k == failedAt ? outcomes.get(k) : failure(LINKED_EVENT_FAILED));
        }
        return failed;
    }

    /** Everything a chain may change, as it was before the chain, so a failed chain leaves no trace. */
    private final class Checkpoint {
        private final int createdSize = created.size();
        private final int historySize = history.size();
        private final long seq = nextSeq;
        private final Map<Long, Balances> balances = new HashMap<>();
        private final Map<Long, Boolean> dirty = new HashMap<>();
        private final Map<String, PendingState.Status> pendingStatus = new HashMap<>();
        private final Map<String, Boolean> pendingDirty = new HashMap<>();

        void remember(TransferRequest t) {
            rememberAccount(t.debitAccountId());
            rememberAccount(t.creditAccountId());
            PendingState p = t.pendingId() == null ? null : pendings.get(t.pendingId());
            if (p != null) {
                pendingStatus.putIfAbsent(p.transferId, p.status);
                pendingDirty.putIfAbsent(p.transferId, p.dirty);
                rememberAccount(p.debitAccountId);
                rememberAccount(p.creditAccountId);
            }
        }

        private void rememberAccount(long id) {
            AccountState a = accounts.get(id);
            if (a != null && !balances.containsKey(id)) {
                balances.put(id, a.balances());
                dirty.put(id, a.dirty);
            }
        }

        void undo() {
            balances.forEach((id, b) -> {
                AccountState a = accounts.get(id);
                a.restore(b);
                a.dirty = dirty.get(id);
            });
            pendingStatus.forEach((id, s) -> {
                PendingState p = pendings.get(id);
                p.status = s;
                p.dirty = pendingDirty.get(id);
            });
            List<JournalRow> undone = created.subList(createdSize, created.size());
            for (JournalRow r : undone) {
                createdById.remove(r.id);
                if (r.kind == TransferKind.PENDING) {
                    pendings.remove(r.id);
                }
            }
            undone.clear();
            history.subList(historySize, history.size()).clear();
            nextSeq = seq;
        }
    }

    private Outcome applyOne(TransferRequest t) {
        CreateTransferResult invalid = validate(t);
        if (invalid != null) {
            return failure(invalid);
        }
        JournalRow earlier = createdById.get(t.id());
        if (earlier != null) {
            return same(t, earlier.toTransfer(), earlier, null);
        }
        Transfer stored = existing.get(t.id());
        if (stored != null) {
            return same(t, null, null, stored);
        }
        return switch (t.kind()) {
            case SINGLE, PENDING -> move(t);
            case POST_PENDING, VOID_PENDING -> resolve(t);
        };
    }

    /** Checks that need no state. */
    private CreateTransferResult validate(TransferRequest t) {
        if (t.id() == null || !(ID.matcher(t.id()).matches() || isExpiryVoid(t))) {
            return ID_INVALID;
        }
        if (t.kind() == null) {
            return ID_INVALID;
        }
        if (t.reference() != null && t.reference().length() > TransferRequest.MAX_REFERENCE_LENGTH) {
            return REFERENCE_TOO_LONG;
        }
        if (t.timeoutSeconds() < 0) {
            return TIMEOUT_MUST_NOT_BE_NEGATIVE;
        }
        if (t.timeoutSeconds() != 0 && t.kind() != TransferKind.PENDING) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (t.kind().resolvesPending()) {
            if (t.pendingId() == null || t.pendingId().isEmpty()) {
                return PENDING_ID_MUST_NOT_BE_EMPTY;
            }
            if (t.pendingId().equals(t.id())) {
                return PENDING_ID_MUST_BE_DIFFERENT;
            }
            if (t.amount() < 0) {
                return AMOUNT_MUST_BE_POSITIVE;
            }
            if (t.debitAccountId() != 0 && t.debitAccountId() == t.creditAccountId()) {
                return ACCOUNTS_MUST_BE_DIFFERENT;
            }
            return null;
        }
        if (t.pendingId() != null) {
            return PENDING_ID_MUST_BE_EMPTY;
        }
        if (t.amount() <= 0) {
            return AMOUNT_MUST_BE_POSITIVE;
        }
        if (t.debitAccountId() == t.creditAccountId()) {
            return ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (t.ledger() == 0) {
            return LEDGER_MUST_NOT_BE_ZERO;
        }
        if (t.code() == 0) {
            return CODE_MUST_NOT_BE_ZERO;
        }
        return null;
    }

    private boolean isExpiryVoid(TransferRequest t) {
        return expiryVoids.contains(t.id());
    }

    /** The id was used before: the same request gets the first result, a different one its own code. */
    private Outcome same(TransferRequest t, Transfer earlierInBatch, JournalRow earlierRow, Transfer stored) {
        Transfer e = earlierInBatch != null ? earlierInBatch : stored;
        CreateTransferResult difference = difference(t, e);
        if (difference != null) {
            return failure(difference);
        }
        Outcome o = new Outcome();
        o.result = EXISTS;
        o.row = earlierRow;
        o.stored = stored;
        return o;
    }

    private CreateTransferResult difference(TransferRequest t, Transfer e) {
        if (t.kind() != e.kind()) {
            return EXISTS_WITH_DIFFERENT_KIND;
        }
        boolean resolves = t.kind().resolvesPending();
        if (resolves && !Objects.equals(t.pendingId(), e.pendingId())) {
            return EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        // A post or void may leave accounts, ledger and code zero: they were taken from the hold.
        if ((!resolves || t.debitAccountId() != 0) && t.debitAccountId() != e.debitAccountId()) {
            return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
        }
        if ((!resolves || t.creditAccountId() != 0) && t.creditAccountId() != e.creditAccountId()) {
            return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
        }
        long amount = t.amount();
        if (resolves && amount == 0) {
            // zero means "the whole hold" for a post, and is the normal form of a void
            amount = t.kind() == TransferKind.POST_PENDING ? e.pendingAmount() : e.amount();
        }
        if (amount != e.amount()) {
            return EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if ((!resolves || t.ledger() != 0) && t.ledger() != e.ledger()) {
            return EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if ((!resolves || t.code() != 0) && t.code() != e.code()) {
            return EXISTS_WITH_DIFFERENT_CODE;
        }
        if (t.timeoutSeconds() != e.timeoutSeconds()) {
            return EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        // A post or void without a reference means the hold's reference: compare what it would have written.
        String reference = t.reference();
        if (resolves && reference == null) {
            PendingState hold = pendings.get(t.pendingId());
            reference = hold != null ? hold.reference : e.reference();
        }
        if (!Objects.equals(reference, e.reference())) {
            return EXISTS_WITH_DIFFERENT_REFERENCE;
        }
        return null;
    }

    /** A single-phase transfer or a new hold. */
    private Outcome move(TransferRequest t) {
        AccountState dr = accounts.get(t.debitAccountId());
        AccountState cr = accounts.get(t.creditAccountId());
        if (dr == null) {
            return failure(DEBIT_ACCOUNT_NOT_FOUND);
        }
        if (cr == null) {
            return failure(CREDIT_ACCOUNT_NOT_FOUND);
        }
        if (dr.ledger != cr.ledger || t.ledger() != dr.ledger) {
            return failure(LEDGER_MUST_MATCH);
        }
        if (dr.status == AccountStatus.CLOSED) {
            return failure(DEBIT_ACCOUNT_CLOSED);
        }
        if (dr.status == AccountStatus.FROZEN) {
            return failure(DEBIT_ACCOUNT_FROZEN);
        }
        if (cr.status == AccountStatus.CLOSED) {
            return failure(CREDIT_ACCOUNT_CLOSED);
        }
        long amount = t.amount();
        boolean pending = t.kind() == TransferKind.PENDING;
        long drDebits;
        long crCredits;
        long drSide;
        long crSide;
        try {
            drSide = Math.addExact(pending ? dr.debitsPending : dr.debitsPosted, amount);
            crSide = Math.addExact(pending ? cr.creditsPending : cr.creditsPosted, amount);
            drDebits = Math.addExact(Math.addExact(dr.debitsPending, dr.debitsPosted), amount);
            crCredits = Math.addExact(Math.addExact(cr.creditsPending, cr.creditsPosted), amount);
        } catch (ArithmeticException overflow) {
            return failure(OVERFLOW);
        }
        if (dr.debitsMustNotExceedCredits && drDebits > dr.creditsPosted) {
            return failure(EXCEEDS_CREDITS);
        }
        if (cr.creditsMustNotExceedDebits && crCredits > cr.debitsPosted) {
            return failure(EXCEEDS_DEBITS);
        }
        if (pending) {
            dr.debitsPending = drSide;
            cr.creditsPending = crSide;
        } else {
            dr.debitsPosted = drSide;
            cr.creditsPosted = crSide;
        }
        JournalRow row = new JournalRow(t.id(), nextSeq++, t.kind(), dr.id, cr.id, amount, 0, t.ledger(), t.code(),
                null, t.timeoutSeconds(), t.reference(), now);
        if (pending) {
            Instant expiresAt = t.timeoutSeconds() == 0 ? null : now.plusSeconds(t.timeoutSeconds());
            PendingState p = new PendingState(t.id(), dr.id, cr.id, amount, t.ledger(), t.code(), t.reference(),
                    expiresAt, PendingState.Status.PENDING, true);
            p.dirty = true;
            pendings.put(t.id(), p);
        }
        return created(row, dr, cr);
    }

    /** Posts or voids a hold. */
    private Outcome resolve(TransferRequest t) {
        PendingState p = pendings.get(t.pendingId());
        if (p == null) {
            Transfer other = existing.get(t.pendingId());
            JournalRow otherInBatch = createdById.get(t.pendingId());
            return failure(other != null || otherInBatch != null ? PENDING_TRANSFER_NOT_PENDING
                    : PENDING_TRANSFER_NOT_FOUND);
        }
        if (t.debitAccountId() != 0 && t.debitAccountId() != p.debitAccountId) {
            return failure(PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT);
        }
        if (t.creditAccountId() != 0 && t.creditAccountId() != p.creditAccountId) {
            return failure(PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT);
        }
        if (t.ledger() != 0 && t.ledger() != p.ledger) {
            return failure(PENDING_TRANSFER_HAS_DIFFERENT_LEDGER);
        }
        if (t.code() != 0 && t.code() != p.code) {
            return failure(PENDING_TRANSFER_HAS_DIFFERENT_CODE);
        }
        switch (p.status) {
            case POSTED:
                return failure(PENDING_TRANSFER_ALREADY_POSTED);
            case VOIDED:
                return failure(PENDING_TRANSFER_ALREADY_VOIDED);
            case EXPIRED:
                return failure(PENDING_TRANSFER_EXPIRED);
            case PENDING:
                break;
        }
        boolean expiry = isExpiryVoid(t);
        if (!expiry && p.expiredAt(now)) {
            return failure(PENDING_TRANSFER_EXPIRED);
        }
        boolean post = t.kind() == TransferKind.POST_PENDING;
        long amount;
        if (post) {
            amount = t.amount() == 0 ? p.amount : t.amount();
            if (amount > p.amount) {
                return failure(EXCEEDS_PENDING_TRANSFER_AMOUNT);
            }
        } else {
            if (t.amount() != 0 && t.amount() != p.amount) {
                return failure(PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT);
            }
            amount = p.amount;
        }
        AccountState dr = accounts.get(p.debitAccountId);
        AccountState cr = accounts.get(p.creditAccountId);
        long drPosted = dr.debitsPosted;
        long crPosted = cr.creditsPosted;
        if (post) {
            try {
                drPosted = Math.addExact(drPosted, amount);
                crPosted = Math.addExact(crPosted, amount);
            } catch (ArithmeticException overflow) {
                return failure(OVERFLOW);
            }
        }
        // Releasing a hold only lowers debits plus pending, so no limit can be passed here.
        dr.debitsPending -= p.amount;
        cr.creditsPending -= p.amount;
        dr.debitsPosted = drPosted;
        cr.creditsPosted = crPosted;
        p.status = post ? PendingState.Status.POSTED
                : expiry ? PendingState.Status.EXPIRED : PendingState.Status.VOIDED;
        p.dirty = true;
        String reference = t.reference() != null ? t.reference() : p.reference;
        JournalRow row = new JournalRow(t.id(), nextSeq++, t.kind(), dr.id, cr.id, amount, p.amount, p.ledger, p.code,
                p.transferId, 0, reference, now);
        return created(row, dr, cr);
    }

    private Outcome created(JournalRow row, AccountState dr, AccountState cr) {
        dr.dirty = true;
        cr.dirty = true;
        created.add(row);
        createdById.put(row.id, row);
        if (dr.history) {
            history.add(new HistoryEntry(dr.id, row, dr.balances()));
        }
        if (cr.history) {
            history.add(new HistoryEntry(cr.id, row, cr.balances()));
        }
        Outcome o = new Outcome();
        o.result = CREATED;
        o.row = row;
        return o;
    }

    private static Outcome failure(CreateTransferResult code) {
        Outcome o = new Outcome();
        o.result = code;
        return o;
    }
}
