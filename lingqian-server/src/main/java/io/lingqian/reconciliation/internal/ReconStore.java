package io.lingqian.reconciliation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.bank.BankOperation;
import io.lingqian.bank.StatementLine;
import io.lingqian.reconciliation.Difference;
import io.lingqian.reconciliation.ItemState;
import io.lingqian.reconciliation.ReconItem;
import io.lingqian.reconciliation.ReconRun;

/** The SQL of reconciliation. */
@Repository
public class ReconStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReconStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    // ---- statements ----

    public Optional<Long> statementId(String bank, LocalDate day) {
        return jdbc.sql("SELECT id FROM recon_statement WHERE bank = :bank AND stat_day = :day")
                .param("bank", bank).param("day", day).query(Long.class).optional();
    }

    public long insertStatement(String bank, LocalDate day, String source, List<StatementLine> lines, String hash,
            Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_statement (bank, stat_day, source, line_count, content_hash, imported_at)
                VALUES (:bank, :day, :source, :count, :hash, :now)""")
                .param("bank", bank).param("day", day).param("source", source).param("count", lines.size())
                .param("hash", hash).param("now", utc(now)).update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            StatementLine l = lines.get(i);
            rows.add(new Object[] {id, i + 1, l.operationId(), l.kind().name(), l.cardLastFour(), l.amountFen(),
                    l.status().name(), l.failureCode(), utc(l.completedAt())});
        }
        template.batchUpdate("""
                INSERT INTO recon_statement_line (statement_id, line_no, operation_id, kind, last4, amount_fen, status,
                                                  failure_code, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        return id;
    }

    public List<StatementLine> statementLines(long statementId) {
        return jdbc.sql("""
                SELECT operation_id, kind, last4, amount_fen, status, failure_code, completed_at
                FROM recon_statement_line WHERE statement_id = :id ORDER BY line_no""")
                .param("id", statementId)
                .query((rs, i) -> new StatementLine(rs.getString(1), BankOperation.Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4), BankOperation.Status.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    // ---- the ledger's side ----

    /** A posted transfer that moved money at a bank: into its reserve (+) or out of it (−). */
    public record BankFacingTransfer(String id, String pendingId, long signedFen, Instant at) {
    }

    /**
     * The posted transfers of {@code [from, to)} on a bank's reserve account that a bank operation
     * stands behind: money in (a SINGLE debit: top-ups, card charges) and money out (a post of a hold
     * crediting the reserve: withdrawals, card refunds, settlements). Operator capital, allocations
     * and corrections have no bank operation.
     */
    public List<BankFacingTransfer> bankFacingTransfers(long reserveAccountId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT id, pending_id, amount, kind, debit_account_id, created_at FROM ledger_transfer
                WHERE created_at >= :from AND created_at < :to AND code NOT IN (50, 51, 90)
                  AND ((kind = 'SINGLE' AND debit_account_id = :reserve)
                       OR (kind = 'POST_PENDING' AND credit_account_id = :reserve))
                ORDER BY seq""")
                .param("from", utc(from)).param("to", utc(to)).param("reserve", reserveAccountId)
                .query((rs, i) -> new BankFacingTransfer(rs.getString("id"), rs.getString("pending_id"),
                        rs.getString("kind").equals("SINGLE") ? rs.getLong("amount") : -rs.getLong("amount"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<BankFacingTransfer> transfer(String id) {
        return jdbc.sql("SELECT id, pending_id, amount, kind, created_at FROM ledger_transfer WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new BankFacingTransfer(rs.getString("id"), rs.getString("pending_id"),
                        rs.getString("kind").equals("SINGLE") ? rs.getLong("amount") : -rs.getLong("amount"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** The post of a hold, if the hold was posted. */
    public Optional<BankFacingTransfer> postOf(String holdId) {
        return jdbc.sql("""
                SELECT id, pending_id, amount, kind, created_at FROM ledger_transfer
                WHERE pending_id = :hold AND kind = 'POST_PENDING'""")
                .param("hold", holdId)
                .query((rs, i) -> new BankFacingTransfer(rs.getString("id"), rs.getString("pending_id"),
                        -rs.getLong("amount"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    // ---- the wallet's operations (to name bank operations) ----

    public Optional<String> cardCreditPurpose(long creditId) {
        return jdbc.sql("SELECT purpose FROM wallet_card_credit WHERE id = :id").param("id", creditId)
                .query(String.class).optional();
    }

    public Optional<Long> cardCreditByPurpose(String purpose) {
        return jdbc.sql("SELECT id FROM wallet_card_credit WHERE purpose = :p").param("p", purpose)
                .query(Long.class).optional();
    }

    public Optional<Integer> cardChargeAttempt(long chargeId) {
        return jdbc.sql("SELECT attempt FROM wallet_card_charge WHERE id = :id").param("id", chargeId)
                .query(Integer.class).optional();
    }

    /** Wallet operations at a bank still waiting for the bank's final answer, as bank operation ids. */
    public List<String> unsettledOperations(String bank, Instant before) {
        List<String> ids = new java.util.ArrayList<>();
        jdbc.sql("SELECT id FROM wallet_topup WHERE bank = :bank AND status IN ('SUBMITTED', 'PROCESSING') AND created_at < :before")
                .param("bank", bank).param("before", utc(before)).query(Long.class).list()
                .forEach(id -> ids.add("topup-" + id));
        jdbc.sql("SELECT id FROM wallet_withdrawal WHERE bank = :bank AND status IN ('SUBMITTED', 'PROCESSING') AND created_at < :before")
                .param("bank", bank).param("before", utc(before)).query(Long.class).list()
                .forEach(id -> ids.add("withdrawal-" + id));
        jdbc.sql("SELECT id, attempt FROM wallet_card_charge WHERE bank = :bank AND status IN ('SUBMITTED', 'PROCESSING') AND created_at < :before")
                .param("bank", bank).param("before", utc(before))
                .query((rs, i) -> "cardcharge-" + rs.getLong(1) + "-" + rs.getInt(2)).list().forEach(ids::add);
        jdbc.sql("SELECT id FROM wallet_card_credit WHERE bank = :bank AND status IN ('SUBMITTED', 'PROCESSING') AND created_at < :before")
                .param("bank", bank).param("before", utc(before)).query(Long.class).list()
                .forEach(id -> ids.add("cardcredit-" + id));
        return ids;
    }

    // ---- runs ----

    public Optional<ReconRun> run(String bank, LocalDate day) {
        return jdbc.sql("SELECT * FROM recon_run WHERE bank = :bank AND stat_day = :day")
                .param("bank", bank).param("day", day).query(ReconStore::run).optional();
    }

    public Optional<ReconRun> run(long id) {
        return jdbc.sql("SELECT * FROM recon_run WHERE id = :id").param("id", id).query(ReconStore::run).optional();
    }

    public List<ReconRun> runs(LocalDate day) {
        return jdbc.sql("SELECT * FROM recon_run WHERE stat_day = :day ORDER BY bank").param("day", day)
                .query(ReconStore::run).list();
    }

    public List<ReconRun> recentRuns(int limit) {
        return jdbc.sql("SELECT * FROM recon_run ORDER BY stat_day DESC, bank LIMIT :n").param("n", limit)
                .query(ReconStore::run).list();
    }

    /** Starts (or restarts) the run of a bank's day; the run row is unique per bank and day. */
    public long startRun(String bank, LocalDate day, int total, Instant now) {
        Optional<ReconRun> existing = run(bank, day);
        if (existing.isPresent()) {
            jdbc.sql("""
                    UPDATE recon_run SET state = 'RUNNING', total = :total, processed = 0, matched = 0, differences = 0,
                           auto_resolved = 0, bank_in_fen = 0, bank_out_fen = 0, ledger_in_fen = 0, ledger_out_fen = 0,
                           message = NULL, started_at = :now, finished_at = NULL
                    WHERE id = :id""")
                    .param("total", total).param("now", utc(now)).param("id", existing.get().id()).update();
            return existing.get().id();
        }
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO recon_run (bank, stat_day, state, total, processed, matched, differences, auto_resolved,
                                       bank_in_fen, bank_out_fen, ledger_in_fen, ledger_out_fen, started_at)
                VALUES (:bank, :day, 'RUNNING', :total, 0, 0, 0, 0, 0, 0, 0, 0, :now)""")
                .param("bank", bank).param("day", day).param("total", total).param("now", utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public void progress(long runId, int processed) {
        jdbc.sql("UPDATE recon_run SET processed = :p WHERE id = :id").param("p", processed).param("id", runId).update();
    }

    public void finishRun(long runId, String state, int processed, int matched, int differences, int autoResolved,
            long bankIn, long bankOut, long ledgerIn, long ledgerOut, String message, Instant now) {
        jdbc.sql("""
                UPDATE recon_run SET state = :state, processed = :p, matched = :m, differences = :d, auto_resolved = :a,
                       bank_in_fen = :bi, bank_out_fen = :bo, ledger_in_fen = :li, ledger_out_fen = :lo,
                       message = :msg, finished_at = :now
                WHERE id = :id""")
                .param("state", state).param("p", processed).param("m", matched).param("d", differences)
                .param("a", autoResolved).param("bi", bankIn).param("bo", bankOut).param("li", ledgerIn)
                .param("lo", ledgerOut).param("msg", message).param("now", utc(now)).param("id", runId).update();
    }

    private static ReconRun run(ResultSet rs, int i) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ReconRun(rs.getLong("id"), rs.getString("bank"), rs.getObject("stat_day", LocalDate.class),
                rs.getString("state"), rs.getInt("total"), rs.getInt("processed"), rs.getInt("matched"),
                rs.getInt("differences"), rs.getInt("auto_resolved"), rs.getLong("bank_in_fen"),
                rs.getLong("bank_out_fen"), rs.getLong("ledger_in_fen"), rs.getLong("ledger_out_fen"),
                rs.getString("message"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }

    // ---- items ----

    public Optional<ReconItem> item(String bank, LocalDate day, String key, Difference difference) {
        return jdbc.sql("""
                SELECT * FROM recon_item WHERE bank = :bank AND stat_day = :day AND item_key = :key
                  AND difference = :difference""")
                .param("bank", bank).param("day", day).param("key", key).param("difference", difference.name())
                .query(ReconStore::item).optional();
    }

    public Optional<ReconItem> item(long id) {
        return jdbc.sql("SELECT * FROM recon_item WHERE id = :id").param("id", id).query(ReconStore::item).optional();
    }

    public Optional<ReconItem> lockItem(long id) {
        return jdbc.sql("SELECT * FROM recon_item WHERE id = :id FOR UPDATE").param("id", id)
                .query(ReconStore::item).optional();
    }

    public List<ReconItem> items(String bank, LocalDate day) {
        return jdbc.sql("SELECT * FROM recon_item WHERE bank = :bank AND stat_day = :day ORDER BY id")
                .param("bank", bank).param("day", day).query(ReconStore::item).list();
    }

    public List<ReconItem> openItems(int limit) {
        return jdbc.sql("SELECT * FROM recon_item WHERE state = 'OPEN' ORDER BY stat_day, id LIMIT :n")
                .param("n", limit).query(ReconStore::item).list();
    }

    public void insertItem(String bank, LocalDate day, String key, Difference difference, String operationId,
            String transferId, long bankFen, long ledgerFen, String detail, ItemState state, Instant now) {
        jdbc.sql("""
                INSERT INTO recon_item (bank, stat_day, item_key, difference, operation_id, transfer_id, bank_fen,
                                        ledger_fen, detail, state, created_at, resolved_at)
                VALUES (:bank, :day, :key, :difference, :op, :transfer, :bankFen, :ledgerFen, :detail, :state, :now,
                        :resolvedAt)""")
                .param("bank", bank).param("day", day).param("key", key).param("difference", difference.name())
                .param("op", operationId).param("transfer", transferId).param("bankFen", bankFen)
                .param("ledgerFen", ledgerFen).param("detail", detail).param("state", state.name())
                .param("now", utc(now)).param("resolvedAt", state == ItemState.OPEN ? null : utc(now)).update();
    }

    /** Refreshes what an open item says (a re-run may see other amounts); resolved items are left as they were. */
    public void refreshOpenItem(long id, long bankFen, long ledgerFen, String detail) {
        jdbc.sql("""
                UPDATE recon_item SET bank_fen = :b, ledger_fen = :l, detail = :detail
                WHERE id = :id AND state = 'OPEN'""")
                .param("b", bankFen).param("l", ledgerFen).param("detail", detail).param("id", id).update();
    }

    public void resolveItem(long id, ItemState state, String correctionId, String reason, String by, Instant now) {
        jdbc.sql("""
                UPDATE recon_item SET state = :state, correction_id = :correction, reason = :reason, resolved_by = :by,
                       resolved_at = :now
                WHERE id = :id""")
                .param("state", state.name()).param("correction", correctionId).param("reason", reason)
                .param("by", by).param("now", utc(now)).param("id", id).update();
    }

    private static ReconItem item(ResultSet rs, int i) throws SQLException {
        OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
        return new ReconItem(rs.getLong("id"), rs.getString("bank"), rs.getObject("stat_day", LocalDate.class),
                rs.getString("item_key"), Difference.valueOf(rs.getString("difference")), rs.getString("operation_id"),
                rs.getString("transfer_id"), rs.getLong("bank_fen"), rs.getLong("ledger_fen"), rs.getString("detail"),
                ItemState.valueOf(rs.getString("state")), rs.getString("correction_id"), rs.getString("reason"),
                rs.getString("resolved_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
