package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.JournalVerification;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.StatusChange;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The ledger on H2 or PostgreSQL through plain JDBC.
 *
 * <p>A batch runs in one transaction and takes its locks in one fixed order, which is what makes
 * concurrent batches in opposite directions unable to deadlock:
 * <ol>
 *   <li>the holds it posts or voids ({@code ledger_pending}, by transfer id);</li>
 *   <li>the accounts it touches ({@code ledger_account}, by account id, in one statement);</li>
 *   <li>a free journal chain head ({@code ledger_chain}, {@code SKIP LOCKED}), only if it writes.</li>
 * </ol>
 * Between 2 and 3 it reads the stored transfers with the batch's ids (idempotency: done under the
 * account locks, so a concurrent batch with the same id and accounts has committed or not started)
 * and applies the rules of {@link BatchApplier} in memory; then it writes everything with JDBC
 * batches. Nothing is held for longer than one batch.
 */
public final class JdbcLedger implements Ledger {

    private static final String ACCOUNT_COLUMNS = "id, ledger, code, debits_must_not_exceed_credits, "
            + "credits_must_not_exceed_debits, history, status, debits_pending, debits_posted, credits_pending, "
            + "credits_posted, reference, created_at";
    private static final String TRANSFER_COLUMNS = "id, seq, kind, debit_account_id, credit_account_id, amount, "
            + "pending_amount, ledger, code, pending_id, timeout_seconds, reference, created_at, chain_id, chain_seq, hash";
    private static final int CHAINS = 8;

    private final TransactionRunner tx;
    private final Clock clock;
    /** Whether the store is PostgreSQL (else H2); asked of the first connection. */
    private volatile Boolean postgres;

    /** A ledger that runs its own transactions on {@code dataSource}, retrying transient failures. */
    public JdbcLedger(DataSource dataSource, Clock clock) {
        this(new DataSourceTransactions(dataSource), clock);
    }

    public JdbcLedger(TransactionRunner tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    private Instant now() {
        // The databases keep microseconds; the hash must see exactly what is stored.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public List<AccountResult> createAccounts(List<NewAccount> requests) {
        checkBatchSize(requests.size());
        return tx.inTransaction(c -> {
            Instant now = now();
            List<Long> ids = requests.stream().map(NewAccount::id).filter(id -> id > 0).distinct().sorted().toList();
            Map<Long, Account> stored = new HashMap<>();
            for (Account a : selectAccounts(c, ids, true)) {
                stored.put(a.id(), a);
            }
            List<String> refs = requests.stream().map(NewAccount::reference).filter(r -> r != null).distinct().toList();
            Map<String, Long> refOwners = new HashMap<>();
            if (!refs.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT reference, id FROM ledger_account WHERE reference = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("VARCHAR", refs.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            refOwners.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
            }
            List<AccountResult> results = new ArrayList<>(requests.size());
            List<NewAccount> toInsert = new ArrayList<>();
            for (NewAccount n : requests) {
                CreateAccountResult r = checkNewAccount(n, stored.get(n.id()), refOwners);
                if (r == CreateAccountResult.CREATED) {
                    toInsert.add(n);
                    stored.put(n.id(), new Account(n.id(), n.ledger(), n.code(), n.flags(), AccountStatus.ACTIVE,
                            Balances.ZERO, n.reference(), now));
                    if (n.reference() != null) {
                        refOwners.put(n.reference(), n.id());
                    }
                }
                results.add(new AccountResult(n.id(), r));
            }
            if (!toInsert.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_account (" + ACCOUNT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', 0, 0, 0, 0, ?, ?)")) {
                    for (NewAccount n : toInsert) {
                        ps.setLong(1, n.id());
                        ps.setInt(2, n.ledger());
                        ps.setInt(3, n.code());
                        ps.setBoolean(4, n.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
                        ps.setBoolean(5, n.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS));
                        ps.setBoolean(6, n.flags().contains(AccountFlag.HISTORY));
                        ps.setString(7, n.reference());
                        ps.setObject(8, timestamp(now));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return results;
        });
    }

    private static CreateAccountResult checkNewAccount(NewAccount n, Account stored, Map<String, Long> refOwners) {
        if (n.id() <= 0) {
            return CreateAccountResult.ID_MUST_BE_POSITIVE;
        }
        if (n.ledger() == 0) {
            return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        }
        if (n.code() == 0) {
            return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        }
        if (n.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && n.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (n.reference() != null && n.reference().length() > TransferRequest.MAX_REFERENCE_LENGTH) {
            return CreateAccountResult.REFERENCE_TOO_LONG;
        }
        if (stored != null) {
            if (stored.ledger() != n.ledger()) {
                return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
            }
            if (stored.code() != n.code()) {
                return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
            }
            if (!stored.flags().equals(n.flags())) {
                return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
            }
            if (!java.util.Objects.equals(stored.reference(), n.reference())) {
                return CreateAccountResult.EXISTS_WITH_DIFFERENT_REFERENCE;
            }
            return CreateAccountResult.EXISTS;
        }
        Long owner = n.reference() == null ? null : refOwners.get(n.reference());
        if (owner != null && owner != n.id()) {
            return CreateAccountResult.REFERENCE_TAKEN;
        }
        return CreateAccountResult.CREATED;
    }

    @Override
    public long nextAccountId() {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('ledger_account_id_seq')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Optional<Account> account(long id) {
        return accounts(List.of(id)).stream().findFirst();
    }

    @Override
    public List<Account> accounts(List<Long> ids) {
        return tx.inTransaction(c -> selectAccounts(c, ids, false));
    }

    @Override
    public Optional<Account> accountByReference(String reference) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(account(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public StatusChange changeStatus(long accountId, AccountStatus status) {
        return tx.inTransaction(c -> {
            List<Account> found = selectAccounts(c, List.of(accountId), true);
            if (found.isEmpty()) {
                return StatusChange.ACCOUNT_NOT_FOUND;
            }
            Account a = found.get(0);
            if (a.status() == status) {
                return StatusChange.UNCHANGED;
            }
            if (!a.status().canBecome(status)) {
                return StatusChange.ILLEGAL_TRANSITION;
            }
            Balances b = a.balances();
            if (status == AccountStatus.CLOSED && (b.debitsPending() != 0 || b.creditsPending() != 0
                    || b.debitsPosted() != b.creditsPosted())) {
                return StatusChange.BALANCE_NOT_ZERO;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_account SET status = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setLong(2, accountId);
                ps.executeUpdate();
            }
            return StatusChange.CHANGED;
        });
    }

    /** Accounts in id order; with {@code lock}, locked in that order (the order every batch uses). */
    private List<Account> selectAccounts(Connection c, List<Long> ids, boolean lock) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                + " FROM ledger_account WHERE id = ANY(?) ORDER BY id" + (lock ? " FOR UPDATE" : ""))) {
            if (isPostgres(c)) {
                // A Java array goes in PostgreSQL's binary array format: a batch's thousands of ids
                // are neither formatted as text here nor parsed there.
                ps.setObject(1, ids.stream().mapToLong(Long::longValue).toArray());
            } else {
                ps.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
            }
            List<Account> out = new ArrayList<>(ids.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        Set<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
        if (rs.getBoolean("debits_must_not_exceed_credits")) {
            flags.add(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        }
        if (rs.getBoolean("credits_must_not_exceed_debits")) {
            flags.add(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
        }
        if (rs.getBoolean("history")) {
            flags.add(AccountFlag.HISTORY);
        }
        return new Account(rs.getLong("id"), rs.getInt("ledger"), rs.getInt("code"), flags,
                AccountStatus.valueOf(rs.getString("status")),
                new Balances(rs.getLong("debits_pending"), rs.getLong("debits_posted"),
                        rs.getLong("credits_pending"), rs.getLong("credits_posted")),
                rs.getString("reference"), instant(rs, "created_at"));
    }

    // ---------------------------------------------------------------- transfers

    @Override
    public List<TransferResult> createTransfers(List<TransferRequest> requests) {
        checkBatchSize(requests.size());
        if (requests.isEmpty()) {
            return List.of();
        }
        return tx.inTransaction(c -> applyBatch(c, requests, Set.of()));
    }

    private List<TransferResult> applyBatch(Connection c, List<TransferRequest> requests, Set<String> expiryVoids)
            throws SQLException {
        Instant now = now();
        Set<String> pendingIds = new TreeSet<>();
        for (TransferRequest t : requests) {
            if (t.kind() != null && t.kind().resolvesPending() && t.pendingId() != null) {
                pendingIds.add(t.pendingId());
            }
        }
        Map<String, PendingState> pendings = lockPendings(c, pendingIds);

        Set<Long> accountIds = new TreeSet<>();
        for (TransferRequest t : requests) {
            if (t.debitAccountId() != 0) {
                accountIds.add(t.debitAccountId());
            }
            if (t.creditAccountId() != 0) {
                accountIds.add(t.creditAccountId());
            }
        }
        for (PendingState p : pendings.values()) {
            accountIds.add(p.debitAccountId);
            accountIds.add(p.creditAccountId);
        }
        Map<Long, AccountState> accounts = new HashMap<>();
        for (Account a : selectAccounts(c, new ArrayList<>(accountIds), true)) {
            accounts.put(a.id(), new AccountState(a));
        }

        Set<String> lookup = new LinkedHashSet<>(pendingIds);
        for (TransferRequest t : requests) {
            if (t.id() != null) {
                lookup.add(t.id());
            }
        }
        Map<String, Transfer> existing = new HashMap<>();
        for (Transfer t : selectTransfers(c, "id = ANY(?)", new ArrayList<>(lookup))) {
            existing.put(t.id(), t);
        }

        // Rows are numbered 0, 1, … here; the batch's range of seq is taken with the chain head, and only
        // by a batch that writes (a retry answered EXISTS costs no sequence value and no round trip).
        BatchApplier applier = new BatchApplier(now, accounts, pendings, existing, expiryVoids, 0);
        List<BatchApplier.Outcome> outcomes = applier.apply(requests);
        if (!applier.created.isEmpty()) {
            chainAndWrite(c, applier, accounts, pendings);
        }
        List<TransferResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            BatchApplier.Outcome o = outcomes.get(i);
            Transfer t = o.row != null ? o.row.toTransfer() : o.stored;
            results.add(new TransferResult(requests.get(i).id(), o.result, o.result.ok() ? t : null));
        }
        return results;
    }

    private static Map<String, PendingState> lockPendings(Connection c, Set<String> ids) throws SQLException {
        Map<String, PendingState> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT transfer_id, debit_account_id, credit_account_id, "
                + "amount, ledger, code, reference, expires_at, state FROM ledger_pending "
                + "WHERE transfer_id = ANY(?) ORDER BY transfer_id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PendingState p = new PendingState(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getInt(5), rs.getInt(6), rs.getString(7), instant(rs, "expires_at"),
                            PendingState.Status.valueOf(rs.getString(9)), false);
                    out.put(p.transferId, p);
                }
            }
        }
        return out;
    }

    /** Hashes the new rows into a chain and writes rows, holds, totals, history and the chain head. */
    private void chainAndWrite(Connection c, BatchApplier applier, Map<Long, AccountState> accounts,
                               Map<String, PendingState> pendings) throws SQLException {
        int chainId;
        long lastSeq;
        String lastHash;
        long firstSeq;
        // The chain head and the batch's range of seq in one round trip. The range is taken here, under
        // the account locks, so seq still grows along every account's history in commit order; a value
        // drawn for a row that SKIP LOCKED passed over is a harmless gap.
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, last_seq, last_hash, "
                + "nextval('ledger_transfer_seq') FROM ledger_chain ORDER BY chain_id LIMIT 1 FOR UPDATE SKIP LOCKED");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                chainId = rs.getInt(1);
                lastSeq = rs.getLong(2);
                lastHash = rs.getString(3);
                firstSeq = rs.getLong(4);
            } else {
                chainId = 0;
                lastSeq = 0;
                lastHash = null;
                firstSeq = 0;
            }
        }
        if (lastHash == null) {
            // Every chain is busy: wait for one at random rather than all piling onto the first.
            try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, last_seq, last_hash, "
                    + "nextval('ledger_transfer_seq') FROM ledger_chain WHERE chain_id = ? FOR UPDATE")) {
                ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(CHAINS));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("ledger_chain has fewer than " + CHAINS + " heads");
                    }
                    chainId = rs.getInt(1);
                    lastSeq = rs.getLong(2);
                    lastHash = rs.getString(3);
                    firstSeq = rs.getLong(4);
                }
            }
        }
        MessageDigest sha256 = JournalHash.sha256();
        for (JournalRow r : applier.created) {
            r.seq += firstSeq;
            r.chainId = chainId;
            r.chainSeq = ++lastSeq;
            r.hash = JournalHash.of(sha256, lastHash, r);
            lastHash = r.hash;
        }

        boolean postgres = isPostgres(c);
        if (postgres) {
            insertTransfersUnnest(c, applier.created);
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_transfer (" + TRANSFER_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (JournalRow r : applier.created) {
                    ps.setString(1, r.id);
                    ps.setLong(2, r.seq);
                    ps.setString(3, r.kind.name());
                    ps.setLong(4, r.debitAccountId);
                    ps.setLong(5, r.creditAccountId);
                    ps.setLong(6, r.amount);
                    ps.setLong(7, r.pendingAmount);
                    ps.setInt(8, r.ledger);
                    ps.setInt(9, r.code);
                    ps.setString(10, r.pendingId);
                    ps.setLong(11, r.timeoutSeconds);
                    ps.setString(12, r.reference);
                    ps.setObject(13, timestamp(r.createdAt));
                    ps.setInt(14, r.chainId);
                    ps.setLong(15, r.chainSeq);
                    ps.setString(16, r.hash);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        List<PendingState> newHolds = new ArrayList<>();
        List<PendingState> changedHolds = new ArrayList<>();
        for (PendingState p : pendings.values()) {
            if (p.dirty) {
                (p.isNew ? newHolds : changedHolds).add(p);
            }
        }
        if (!newHolds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_pending (transfer_id, debit_account_id, "
                    + "credit_account_id, amount, ledger, code, reference, expires_at, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PendingState p : newHolds) {
                    ps.setString(1, p.transferId);
                    ps.setLong(2, p.debitAccountId);
                    ps.setLong(3, p.creditAccountId);
                    ps.setLong(4, p.amount);
                    ps.setInt(5, p.ledger);
                    ps.setInt(6, p.code);
                    ps.setString(7, p.reference);
                    if (p.expiresAt == null) {
                        ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setObject(8, timestamp(p.expiresAt));
                    }
                    ps.setString(9, p.status.name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!changedHolds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ledger_pending SET state = ? WHERE transfer_id = ?")) {
                for (PendingState p : changedHolds) {
                    ps.setString(1, p.status.name());
                    ps.setString(2, p.transferId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        // Each changed account is written once per batch with its final totals, however many of the
        // batch's transfers touched it: a hot account costs one row update per batch, not one per transfer.
        List<AccountState> changed = new ArrayList<>();
        for (AccountState a : accounts.values()) {
            if (a.dirty) {
                changed.add(a);
            }
        }
        if (postgres) {
            updateAccountsUnnest(c, changed);
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_account SET debits_pending = ?, "
                    + "debits_posted = ?, credits_pending = ?, credits_posted = ? WHERE id = ?")) {
                for (AccountState a : changed) {
                    ps.setLong(1, a.debitsPending);
                    ps.setLong(2, a.debitsPosted);
                    ps.setLong(3, a.creditsPending);
                    ps.setLong(4, a.creditsPosted);
                    ps.setLong(5, a.id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        if (!applier.history.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_account_history (account_id, seq, "
                    + "transfer_id, debits_pending, debits_posted, credits_pending, credits_posted) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (BatchApplier.HistoryEntry h : applier.history) {
                    ps.setLong(1, h.accountId());
                    ps.setLong(2, h.row().seq);
                    ps.setString(3, h.row().id);
                    ps.setLong(4, h.after().debitsPending());
                    ps.setLong(5, h.after().debitsPosted());
                    ps.setLong(6, h.after().creditsPending());
                    ps.setLong(7, h.after().creditsPosted());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ledger_chain SET last_seq = ?, last_hash = ? WHERE chain_id = ?")) {
            ps.setLong(1, lastSeq);
            ps.setString(2, lastHash);
            ps.setInt(3, chainId);
            ps.executeUpdate();
        }
    }

    /*
     * On PostgreSQL the journal rows and the account totals are written with one statement each, the
     * rows passed as arrays and turned back into rows by unnest(). A JDBC batch of N statements costs
     * the server N executor starts (and, unless the driver rewrites inserts, N round-trip messages);
     * this costs one, whatever N is, and does not depend on reWriteBatchedInserts in the URL. H2 runs
     * in the same process (or on a local file), where a statement costs no round trip, so it keeps the
     * portable JDBC batches.
     */

    private static void insertTransfersUnnest(Connection c, List<JournalRow> rows) throws SQLException {
        int n = rows.size();
        String[] id = new String[n], kind = new String[n], pendingId = new String[n], reference = new String[n],
                hash = new String[n];
        long[] seq = new long[n], debit = new long[n], credit = new long[n], amount = new long[n],
                pendingAmount = new long[n], timeout = new long[n], createdMicros = new long[n], chainSeq = new long[n];
        int[] ledger = new int[n], code = new int[n], chainId = new int[n];
        for (int i = 0; i < n; i++) {
            JournalRow r = rows.get(i);
            id[i] = r.id;
            seq[i] = r.seq;
            kind[i] = r.kind.name();
            debit[i] = r.debitAccountId;
            credit[i] = r.creditAccountId;
            amount[i] = r.amount;
            pendingAmount[i] = r.pendingAmount;
            ledger[i] = r.ledger;
            code[i] = r.code;
            pendingId[i] = r.pendingId;
            timeout[i] = r.timeoutSeconds;
            reference[i] = r.reference;
            createdMicros[i] = ChronoUnit.MICROS.between(Instant.EPOCH, r.createdAt);
            chainId[i] = r.chainId;
            chainSeq[i] = r.chainSeq;
            hash[i] = r.hash;
        }
        // created_at travels as microseconds since the epoch: exact, unlike a double, and free of the
        // driver's timestamp-array conversions. The arrays are bound as Java arrays, which pgjdbc sends
        // in PostgreSQL's binary array format: no text to format here nor to parse on the server.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_transfer (" + TRANSFER_COLUMNS + ") "
                + "SELECT id, seq, kind, debit_account_id, credit_account_id, amount, pending_amount, ledger, code, "
                + "pending_id, timeout_seconds, reference, TIMESTAMPTZ 'epoch' + created_us * INTERVAL '1 microsecond', "
                + "chain_id, chain_seq, hash FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], "
                + "?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::int[], ?::varchar[], ?::bigint[], ?::varchar[], "
                + "?::bigint[], ?::int[], ?::bigint[], ?::varchar[]) AS v(id, seq, kind, debit_account_id, "
                + "credit_account_id, amount, pending_amount, ledger, code, pending_id, timeout_seconds, reference, "
                + "created_us, chain_id, chain_seq, hash)")) {
            bindArrays(ps, id, seq, kind, debit, credit, amount, pendingAmount, ledger, code, pendingId, timeout,
                    reference, createdMicros, chainId, chainSeq, hash);
            int inserted = ps.executeUpdate();
            if (inserted != n) {
                throw new IllegalStateException("inserted " + inserted + " journal rows of " + n);
            }
        }
    }

    /** Binds each array to the next parameter; pgjdbc sends Java arrays in PostgreSQL's binary format. */
    private static void bindArrays(PreparedStatement ps, Object... arrays) throws SQLException {
        for (int i = 0; i < arrays.length; i++) {
            ps.setObject(i + 1, arrays[i]);
        }
    }

    private static void updateAccountsUnnest(Connection c, List<AccountState> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        long[] id = new long[n], dp = new long[n], dP = new long[n], cp = new long[n], cP = new long[n];
        for (int i = 0; i < n; i++) {
            AccountState a = changed.get(i);
            id[i] = a.id;
            dp[i] = a.debitsPending;
            dP[i] = a.debitsPosted;
            cp[i] = a.creditsPending;
            cP[i] = a.creditsPosted;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_account a SET debits_pending = v.dp, "
                + "debits_posted = v.dpo, credits_pending = v.cp, credits_posted = v.cpo "
                + "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS v(id, dp, dpo, cp, cpo) "
                + "WHERE a.id = v.id")) {
            bindArrays(ps, id, dp, dP, cp, cP);
            int updated = ps.executeUpdate();
            if (updated != n) {
                throw new IllegalStateException("updated " + updated + " accounts of " + n);
            }
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean p = postgres;
        if (p == null) {
            p = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            postgres = p;
        }
        return p;
    }

    @Override
    public Optional<Transfer> transfer(String id) {
        return tx.inTransaction(c -> selectTransfers(c, "id = ?", id).stream().findFirst());
    }

    @Override
    public List<Transfer> transfersByReference(String reference) {
        return tx.inTransaction(c -> selectTransfers(c, "reference = ? ORDER BY seq", reference));
    }

    private List<Transfer> selectTransfers(Connection c, String where, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer WHERE "
                + where)) {
            if (param instanceof List<?> list) {
                if (list.isEmpty()) {
                    return List.of();
                }
                if (isPostgres(c)) {
                    ps.setObject(1, list.toArray(new String[0]));
                } else {
                    ps.setArray(1, c.createArrayOf("VARCHAR", list.toArray()));
                }
            } else {
                ps.setObject(1, param);
            }
            List<Transfer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(transfer(rs));
                }
            }
            return out;
        }
    }

    static Transfer transfer(ResultSet rs) throws SQLException {
        return new Transfer(rs.getString("id"), rs.getLong("seq"), TransferKind.valueOf(rs.getString("kind")),
                rs.getLong("debit_account_id"), rs.getLong("credit_account_id"), rs.getLong("amount"),
                rs.getLong("pending_amount"), rs.getInt("ledger"), rs.getInt("code"), rs.getString("pending_id"),
                rs.getLong("timeout_seconds"), rs.getString("reference"), instant(rs, "created_at"),
                rs.getInt("chain_id"), rs.getLong("chain_seq"), rs.getString("hash"));
    }

    // ---------------------------------------------------------------- statement

    @Override
    public Statement statement(long accountId, long afterSeq, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
        }
        return tx.inTransaction(c -> {
            Balances opening = totalsThrough(c, accountId, afterSeq);
            List<Transfer> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer "
                    + "WHERE (debit_account_id = ? OR credit_account_id = ?) AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, accountId);
                ps.setLong(2, accountId);
                ps.setLong(3, afterSeq);
                ps.setInt(4, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(transfer(rs));
                    }
                }
            }
            boolean more = page.size() > limit;
            if (more) {
                page = page.subList(0, limit);
            }
            List<Statement.Line> lines = new ArrayList<>(page.size());
            Balances running = opening;
            for (Transfer t : page) {
                boolean debit = t.debitAccountId() == accountId;
                running = Effects.apply(running, t, debit);
                lines.add(new Statement.Line(t.seq(), t.id(), t.kind(), debit ? Statement.Side.DEBIT
                        : Statement.Side.CREDIT, t.amount(), t.pendingAmount(), t.code(), t.reference(),
                        debit ? t.creditAccountId() : t.debitAccountId(), t.createdAt(), running));
            }
            return new Statement(accountId, opening, lines, more ? page.get(page.size() - 1).seq() : null);
        });
    }

    /** Rows fetched per round trip when a statement is streamed. */
    private static final int STATEMENT_FETCH = 500;

    @Override
    public long statement(long accountId, Instant from, Instant to, Consumer<Statement.Line> each) {
        return tx.inTransaction(c -> {
            long firstSeq;
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(seq) FROM ledger_transfer "
                    + "WHERE (debit_account_id = ? OR credit_account_id = ?) AND created_at >= ? AND created_at < ?")) {
                ps.setLong(1, accountId);
                ps.setLong(2, accountId);
                ps.setObject(3, timestamp(from));
                ps.setObject(4, timestamp(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    firstSeq = rs.getLong(1);
                    if (rs.wasNull()) {
                        return 0L;
                    }
                }
            }
            // The window is a run of seq: the ledger's clock only moves forward, so created_at follows seq.
            Balances running = totalsThrough(c, accountId, firstSeq - 1);
            long count = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRANSFER_COLUMNS + " FROM ledger_transfer "
                    + "WHERE (debit_account_id = ? OR credit_account_id = ?) AND seq >= ? AND created_at < ? ORDER BY seq")) {
                ps.setFetchSize(STATEMENT_FETCH);
                ps.setLong(1, accountId);
                ps.setLong(2, accountId);
                ps.setLong(3, firstSeq);
                ps.setObject(4, timestamp(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Transfer t = transfer(rs);
                        boolean debit = t.debitAccountId() == accountId;
                        running = Effects.apply(running, t, debit);
                        each.accept(new Statement.Line(t.seq(), t.id(), t.kind(), debit ? Statement.Side.DEBIT
                                : Statement.Side.CREDIT, t.amount(), t.pendingAmount(), t.code(), t.reference(),
                                debit ? t.creditAccountId() : t.debitAccountId(), t.createdAt(), running));
                        count++;
                    }
                }
            }
            return count;
        });
    }

    /** The account's totals counting only transfers up to and including {@code seq}. */
    private static Balances totalsThrough(Connection c, long accountId, long seq) throws SQLException {
        if (seq <= 0) {
            return Balances.ZERO;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Effects.SUMS_FOR_ACCOUNT
                + " FROM ledger_transfer WHERE (debit_account_id = ? OR credit_account_id = ?) AND seq <= ?")) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(i, accountId);
            }
            ps.setLong(5, accountId);
            ps.setLong(6, accountId);
            ps.setLong(7, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Balances(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    // ---------------------------------------------------------------- expiry

    @Override
    public int voidExpiredPendingTransfers(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_BATCH + ", was " + limit);
        }
        return tx.inTransaction(c -> {
            Instant now = now();
            List<String> expired = new ArrayList<>();
            // SKIP LOCKED: a hold another instance (or a client's post) is working on is left to it.
            try (PreparedStatement ps = c.prepareStatement("SELECT transfer_id FROM ledger_pending "
                    + "WHERE state = 'PENDING' AND expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setObject(1, timestamp(now));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expired.add(rs.getString(1));
                    }
                }
            }
            if (expired.isEmpty()) {
                return 0;
            }
            List<TransferRequest> voids = new ArrayList<>(expired.size());
            Set<String> voidIds = new HashSet<>();
            for (String id : expired) {
                String voidId = id + BatchApplier.EXPIRY_SUFFIX;
                voids.add(TransferRequest.voidPending(voidId, id));
                voidIds.add(voidId);
            }
            int voided = 0;
            for (TransferResult r : applyBatch(c, voids, voidIds)) {
                if (r.result() == io.lingqian.ledger.CreateTransferResult.CREATED) {
                    voided++;
                }
            }
            return voided;
        });
    }

    // ---------------------------------------------------------------- checks

    @Override
    public InvariantReport checkInvariants() {
        return tx.inTransaction(c -> new InvariantChecker(c, clock.instant()).run());
    }

    @Override
    public JournalVerification verifyJournal() {
        return tx.inTransaction(c -> new InvariantChecker(c, clock.instant()).verifyJournal());
    }

    // ---------------------------------------------------------------- helpers

    private static void checkBatchSize(int size) {
        if (size > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " per batch, was " + size);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
