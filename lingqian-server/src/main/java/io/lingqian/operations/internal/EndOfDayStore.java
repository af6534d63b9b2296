package io.lingqian.operations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The end-of-day reports ({@code eod_*}), and the day's figures the report needs from the ledger's
 * journal and the merchants' settlements (read, never written).
 */
@Repository
public class EndOfDayStore {

    /** A stored report row, before its steps are attached. */
    public record ReportRow(LocalDate day, String state, int runs, String closedBy, Instant startedAt,
                            Instant finishedAt) {
    }

    public record StepRow(int number, String name, String status, String summary) {
    }

    public record ChainHead(int chainId, long chainSeq, String hash) {
    }

    public record SettlementCount(String state, long count, long amountFen) {
    }

    private final JdbcClient jdbc;

    EndOfDayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReportRow> lock(LocalDate day) {
        return jdbc.sql("SELECT * FROM eod_report WHERE stat_day = :d FOR UPDATE").param("d", day)
                .query(EndOfDayStore::row).optional();
    }

    public Optional<ReportRow> report(LocalDate day) {
        return jdbc.sql("SELECT * FROM eod_report WHERE stat_day = :d").param("d", day)
                .query(EndOfDayStore::row).optional();
    }

    public List<ReportRow> recent(int limit) {
        return jdbc.sql("SELECT * FROM eod_report ORDER BY stat_day DESC LIMIT :n").param("n", limit)
                .query(EndOfDayStore::row).list();
    }

    public List<LocalDate> closedDays(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT stat_day FROM eod_report WHERE stat_day BETWEEN :f AND :t AND state IN ('OK', 'ATTENTION')")
                .param("f", from).param("t", to).query(LocalDate.class).list();
    }

    /** Marks the day's close as running (a new row, or the old one again) and forgets its old steps. */
    public void start(LocalDate day, boolean exists, String by, Instant now) {
        if (exists) {
            jdbc.sql("""
                    UPDATE eod_report SET state = 'RUNNING', runs = runs + 1, closed_by = :by, started_at = :now,
                           finished_at = NULL WHERE stat_day = :d""")
                    .param("by", by).param("now", utc(now)).param("d", day).update();
            jdbc.sql("DELETE FROM eod_step WHERE stat_day = :d").param("d", day).update();
        } else {
            jdbc.sql("""
                    INSERT INTO eod_report (stat_day, state, runs, closed_by, started_at)
                    VALUES (:d, 'RUNNING', 1, :by, :now)""")
                    .param("d", day).param("by", by).param("now", utc(now)).update();
        }
    }

    public void step(LocalDate day, int number, String name, String status, String summary) {
        jdbc.sql("INSERT INTO eod_step (stat_day, step_no, step, status, summary) VALUES (:d, :n, :s, :st, :sum)")
                .param("d", day).param("n", number).param("s", name).param("st", status)
                .param("sum", summary.length() > 4000 ? summary.substring(0, 4000) : summary).update();
    }

    public void finish(LocalDate day, String state, Instant now) {
        jdbc.sql("UPDATE eod_report SET state = :s, finished_at = :now WHERE stat_day = :d")
                .param("s", state).param("now", utc(now)).param("d", day).update();
    }

    public List<StepRow> steps(LocalDate day) {
        return jdbc.sql("SELECT step_no, step, status, summary FROM eod_step WHERE stat_day = :d ORDER BY step_no")
                .param("d", day)
                .query((rs, i) -> new StepRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    // ---- the day's figures ----

    /** Posted transfers written in {@code [from, to)}: how many, and how much they moved. */
    public long[] journalOfDay(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger_transfer
                WHERE created_at >= :f AND created_at < :t AND kind IN ('SINGLE', 'POST_PENDING')""")
                .param("f", utc(from)).param("t", utc(to))
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Each journal chain's last row written before {@code end}: published so a rewrite of history shows. */
    public List<ChainHead> chainHeadsBefore(Instant end) {
        return jdbc.sql("""
                SELECT t.chain_id, t.chain_seq, t.hash FROM ledger_transfer t
                JOIN (SELECT chain_id, MAX(chain_seq) AS last_seq FROM ledger_transfer WHERE created_at < :end
                      GROUP BY chain_id) h ON t.chain_id = h.chain_id AND t.chain_seq = h.last_seq
                ORDER BY t.chain_id""")
                .param("end", utc(end))
                .query((rs, i) -> new ChainHead(rs.getInt(1), rs.getLong(2), rs.getString(3))).list();
    }

    /** Merchants' settlements of the trades of a day, by state. */
    public List<SettlementCount> settlementsTradedThrough(LocalDate day) {
        return jdbc.sql("""
                SELECT state, COUNT(*), COALESCE(SUM(amount_fen), 0) FROM merchant_settlement
                WHERE traded_through = :d GROUP BY state ORDER BY state""")
                .param("d", day)
                .query((rs, i) -> new SettlementCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    private static ReportRow row(ResultSet rs, int i) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ReportRow(rs.getObject("stat_day", LocalDate.class), rs.getString("state"), rs.getInt("runs"),
                rs.getString("closed_by"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
