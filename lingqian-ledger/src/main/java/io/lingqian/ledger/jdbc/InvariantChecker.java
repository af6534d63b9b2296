package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.InvariantReport.Violation;
import io.lingqian.ledger.JournalVerification;
import io.lingqian.ledger.JournalVerification.BrokenLink;
import io.lingqian.ledger.Transfer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the ledger's invariants from the journal. Each check is one statement (so it sees one
 * consistent snapshot even while batches commit) except the chain walk, which reads each chain only
 * up to the head it saw first; rows are append-only, so that prefix cannot change under it.
 *
 * <ol>
 *   <li>balanced: per ledger, the sum of debits equals the sum of credits (posted, and pending);</li>
 *   <li>totals: every account's four stored totals equal the sums of its journal rows;</li>
 *   <li>limits: no account flagged no-overdraft (or its mirror) is past its limit;</li>
 *   <li>holds: every hold's state agrees with the journal (one post or void, or none);</li>
 *   <li>journal: every hash chain recomputes, has no gaps, and ends at its stored head.</li>
 * </ol>
 */
final class InvariantChecker {

    private static final int MAX_VIOLATIONS = 100;
    private static final int PAGE = 2000;

    private final Connection c;
    private final Instant now;
    private final List<Violation> violations = new ArrayList<>();

    InvariantChecker(Connection c, Instant now) {
        this.c = c;
        this.now = now;
    }

    InvariantReport run() throws SQLException {
        long accounts = count("SELECT COUNT(*) FROM ledger_account");
        long transfers = count("SELECT COUNT(*) FROM ledger_transfer");
        checkBalanced();
        checkTotals();
        checkLimits();
        checkHolds();
        JournalVerification journal = verifyJournal();
        return new InvariantReport(now, accounts, transfers, List.copyOf(violations), journal);
    }

    private void checkBalanced() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ledger, SUM(debits_posted), SUM(credits_posted), "
                + "SUM(debits_pending), SUM(credits_pending) FROM ledger_account GROUP BY ledger ORDER BY ledger");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                BigDecimal dpost = rs.getBigDecimal(2);
                BigDecimal cpost = rs.getBigDecimal(3);
                BigDecimal dpend = rs.getBigDecimal(4);
                BigDecimal cpend = rs.getBigDecimal(5);
                if (dpost.compareTo(cpost) != 0) {
                    add("balanced", "ledger " + rs.getInt(1),
                            "posted debits " + dpost + " != posted credits " + cpost);
                }
                if (dpend.compareTo(cpend) != 0) {
                    add("balanced", "ledger " + rs.getInt(1),
                            "pending debits " + dpend + " != pending credits " + cpend);
                }
            }
        }
    }

    private void checkTotals() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.debits_pending, a.debits_posted, "
                + "a.credits_pending, a.credits_posted, COALESCE(t.dpend, 0), COALESCE(t.dpost, 0), "
                + "COALESCE(t.cpend, 0), COALESCE(t.cpost, 0) FROM ledger_account a LEFT JOIN ("
                + Effects.TOTALS_BY_ACCOUNT + ") t ON t.account_id = a.id "
                + "WHERE a.debits_pending <> COALESCE(t.dpend, 0) OR a.debits_posted <> COALESCE(t.dpost, 0) "
                + "OR a.credits_pending <> COALESCE(t.cpend, 0) OR a.credits_posted <> COALESCE(t.cpost, 0) "
                + "ORDER BY a.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                add("totals", "account " + rs.getLong(1), String.format(
                        "stored (dpend %d, dpost %d, cpend %d, cpost %d) != journal (dpend %s, dpost %s, cpend %s, cpost %s)",
                        rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)));
            }
        }
    }

    private void checkLimits() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, debits_pending, debits_posted, credits_pending, "
                + "credits_posted FROM ledger_account WHERE "
                + "(debits_must_not_exceed_credits AND debits_pending + debits_posted > credits_posted) OR "
                + "(credits_must_not_exceed_debits AND credits_pending + credits_posted > debits_posted) ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                add("limits", "account " + rs.getLong(1), String.format(
                        "past its limit: dpend %d, dpost %d, cpend %d, cpost %d",
                        rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
    }

    private void checkHolds() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM ledger_transfer t "
                + "LEFT JOIN ledger_pending p ON p.transfer_id = t.id "
                + "WHERE t.kind = 'PENDING' AND (p.transfer_id IS NULL OR p.amount <> t.amount "
                + "OR p.debit_account_id <> t.debit_account_id OR p.credit_account_id <> t.credit_account_id) "
                + "ORDER BY t.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                add("holds", "transfer " + rs.getString(1), "pending transfer without a matching hold row");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT p.transfer_id, p.state, r.kind FROM ledger_pending p "
                + "LEFT JOIN ledger_transfer r ON r.pending_id = p.transfer_id "
                + "WHERE (p.state = 'PENDING' AND r.id IS NOT NULL) OR (p.state <> 'PENDING' AND r.id IS NULL) "
                + "OR (p.state = 'POSTED' AND r.kind <> 'POST_PENDING') "
                + "OR (p.state IN ('VOIDED', 'EXPIRED') AND r.kind <> 'VOID_PENDING') ORDER BY p.transfer_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                add("holds", "transfer " + rs.getString(1), "hold state " + rs.getString(2)
                        + " disagrees with the journal (resolved by " + rs.getString(3) + ")");
            }
        }
    }

    JournalVerification verifyJournal() throws SQLException {
        List<long[]> heads = new ArrayList<>();
        List<String> headHashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chain_id, last_seq, last_hash FROM ledger_chain ORDER BY chain_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.add(new long[]{rs.getInt(1), rs.getLong(2)});
                headHashes.add(rs.getString(3));
            }
        }
        long rows = 0;
        List<BrokenLink> broken = new ArrayList<>();
        for (int h = 0; h < heads.size(); h++) {
            int chainId = (int) heads.get(h)[0];
            long lastSeq = heads.get(h)[1];
            String previous = JournalHash.GENESIS;
            long expectedSeq = 1;
            BrokenLink first = null;
            String lastId = null;
            while (first == null && expectedSeq <= lastSeq) {
                List<Transfer> page = chainPage(chainId, expectedSeq - 1, lastSeq);
                if (page.isEmpty()) {
                    break;
                }
                for (Transfer t : page) {
                    rows++;
                    if (t.chainSeq() != expectedSeq) {
                        first = new BrokenLink(chainId, expectedSeq, t.id(),
                                "row " + expectedSeq + " is missing (next row is " + t.chainSeq() + ")");
                        break;
                    }
                    JournalRow row = JournalRow.of(t);
                    String hash = JournalHash.of(previous, row);
                    if (!hash.equals(t.hash())) {
                        first = new BrokenLink(chainId, t.chainSeq(), t.id(),
                                "stored hash does not match the row's contents and its predecessor");
                        break;
                    }
                    previous = t.hash();
                    lastId = t.id();
                    expectedSeq++;
                }
            }
            if (first == null && expectedSeq <= lastSeq) {
                first = new BrokenLink(chainId, expectedSeq, lastId,
                        "chain ends at row " + (expectedSeq - 1) + " but its head says " + lastSeq);
            }
            if (first == null && !previous.equals(headHashes.get(h))) {
                first = new BrokenLink(chainId, lastSeq, lastId, "chain head hash does not match the last row");
            }
            if (first != null) {
                broken.add(first);
            }
        }
        return new JournalVerification(rows, List.copyOf(broken));
    }

    private List<Transfer> chainPage(int chainId, long afterSeq, long lastSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger_transfer WHERE chain_id = ? "
                + "AND chain_seq > ? AND chain_seq <= ? ORDER BY chain_seq LIMIT " + PAGE)) {
            ps.setInt(1, chainId);
            ps.setLong(2, afterSeq);
            ps.setLong(3, lastSeq);
            List<Transfer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JdbcLedger.transfer(rs));
                }
            }
            return out;
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void add(String invariant, String subject, String detail) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(new Violation(invariant, subject, detail));
        }
    }
}
