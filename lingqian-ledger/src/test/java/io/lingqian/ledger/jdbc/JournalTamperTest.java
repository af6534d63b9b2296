package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.JournalVerification;
import io.lingqian.ledger.JournalVerification.BrokenLink;
import io.lingqian.ledger.TransferRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;

import static io.lingqian.ledger.jdbc.LedgerFixture.CNY;
import static io.lingqian.ledger.jdbc.LedgerFixture.CODE;
import static io.lingqian.ledger.jdbc.LedgerFixture.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changes the stored journal behind the ledger's back with plain JDBC and checks that the hash-chain
 * verifier names exactly the row that was touched, and that the invariant checker fails.
 */
class JournalTamperTest {

    private LedgerFixture f;
    private long wallet, shop, bank, other;

    @BeforeEach
    void open() {
        f = LedgerFixture.create();
        wallet = f.account(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        shop = f.account();
        bank = f.account();
        other = f.account();
        f.fund(bank, wallet, 100_000);
        // enough single transfers that, however rows are spread over the eight chains, one chain has three
        for (int i = 0; i < 30; i++) {
            f.ledger.createTransfer(TransferRequest.single(uid("pay"), wallet, shop, 10 + i, CNY, CODE, "order:" + i))
                    .orThrow();
        }
        f.assertHealthy();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A journal row's position: chain, position in the chain, transfer id. */
    record Row(int chainId, long chainSeq, String id) {
    }

    /** The rows of the chain holding the most rows, in chain order. */
    private List<Row> longestChain() {
        List<List<String>> c = f.rows("SELECT chain_id, COUNT(*) FROM ledger_transfer GROUP BY chain_id "
                + "ORDER BY COUNT(*) DESC, chain_id");
        int chain = Integer.parseInt(c.get(0).get(0));
        List<Row> rows = f.rows("SELECT chain_id, chain_seq, id FROM ledger_transfer WHERE chain_id = ? ORDER BY chain_seq",
                        chain).stream()
                .map(r -> new Row(Integer.parseInt(r.get(0)), Long.parseLong(r.get(1)), r.get(2))).toList();
        assertThat(rows.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).chainSeq()).as("chain positions are consecutive from 1").isEqualTo(i + 1);
        }
        return rows;
    }

    private void assertOnlyBroken(Row row) {
        JournalVerification v = f.ledger.verifyJournal();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).as("broken links").hasSize(1);
        BrokenLink link = v.firstBroken().get(0);
        assertThat(link.chainId()).isEqualTo(row.chainId());
        assertThat(link.chainSeq()).isEqualTo(row.chainSeq());
        assertThat(link.transferId()).isEqualTo(row.id());
        assertThat(link.reason()).isNotBlank();
        InvariantReport report = f.ledger.checkInvariants();
        assertThat(report.ok()).isFalse();
        assertThat(report.journal().intact()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "UPDATE ledger_transfer SET amount = amount + 1 WHERE id = ?",
            "UPDATE ledger_transfer SET reference = 'order:forged' WHERE id = ?",
            "UPDATE ledger_transfer SET reference = NULL WHERE id = ?",
            "UPDATE ledger_transfer SET code = code + 1 WHERE id = ?",
            "UPDATE ledger_transfer SET ledger = 840 WHERE id = ?",
            "UPDATE ledger_transfer SET kind = 'PENDING' WHERE id = ?",
            "UPDATE ledger_transfer SET timeout_seconds = 60 WHERE id = ?",
            "UPDATE ledger_transfer SET pending_amount = 5 WHERE id = ?",
            "UPDATE ledger_transfer SET created_at = created_at + INTERVAL '1' SECOND WHERE id = ?",
            "UPDATE ledger_transfer SET debit_account_id = credit_account_id, credit_account_id = debit_account_id WHERE id = ?",
            "UPDATE ledger_transfer SET seq = seq + 1 WHERE id = ?",
            "UPDATE ledger_transfer SET hash = '0000000000000000000000000000000000000000000000000000000000000001' WHERE id = ?"})
    void aChangedFieldBreaksExactlyThatRow(String tamper) {
        List<Row> chain = longestChain();
        Row victim = chain.get(1);
        assertThat(f.update(tamper, victim.id())).isEqualTo(1);
        assertOnlyBroken(victim);
    }

    /**
     * The store itself refuses a journal row that names no account, and the removal of an account the
     * journal names (on H2 by foreign keys, on PostgreSQL by the statement triggers of migration V2).
     */
    @Test
    void theStoreRefusesJournalRowsNamingNoAccountAndTheDeletionOfAccounts() {
        Row victim = longestChain().get(1);
        long missing = 999_999_999L;
        LedgerFixture.StoreState before = f.state();

        assertIntegrityViolation("UPDATE ledger_transfer SET credit_account_id = ? WHERE id = ?", missing, victim.id());
        assertIntegrityViolation("INSERT INTO ledger_transfer (id, seq, kind, debit_account_id, credit_account_id, "
                + "amount, pending_amount, ledger, code, timeout_seconds, created_at, chain_id, chain_seq, hash) "
                + "SELECT 'forged', 1, 'SINGLE', debit_account_id, ?, 1, 0, ledger, code, 0, created_at, 99, 1, hash "
                + "FROM ledger_transfer WHERE id = ?", missing, victim.id());
        assertIntegrityViolation("DELETE FROM ledger_account WHERE id = ?", shop);
        assertIntegrityViolation("UPDATE ledger_account SET id = ? WHERE id = ?", missing, shop);

        assertThat(f.state()).as("nothing changed").isEqualTo(before);
        f.assertHealthy();
    }

    /** The statement fails with an integrity-constraint violation (SQLState class 23). */
    private void assertIntegrityViolation(String sql, Object... args) {
        assertThatThrownBy(() -> f.update(sql, args)).as(sql).rootCause()
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).startsWith("23"));
    }

    @Test
    void aChangedAmountIsAlsoAnInvariantViolationOfTheAccounts() {
        Row victim = longestChain().get(1);
        f.update("UPDATE ledger_transfer SET amount = amount + 1 WHERE id = ?", victim.id());
        InvariantReport report = f.ledger.checkInvariants();
        assertThat(report.violations()).as("totals recomputed from the journal differ from the accounts").isNotEmpty();
        assertThat(report.violations()).anySatisfy(v -> assertThat(v.subject()).contains(String.valueOf(wallet)));
    }

    @Test
    void aChangedIdBreaksThatRow() {
        Row victim = longestChain().get(1);
        String forged = victim.id() + "x";
        f.update("UPDATE ledger_transfer SET id = ? WHERE id = ?", forged, victim.id());
        assertOnlyBroken(new Row(victim.chainId(), victim.chainSeq(), forged));
    }

    @Test
    void deletingTheLastRowOfAChainIsDetectedAtTheHead() {
        List<Row> chain = longestChain();
        Row last = chain.get(chain.size() - 1);
        assertThat(f.update("DELETE FROM ledger_transfer WHERE id = ?", last.id())).isEqualTo(1);
        JournalVerification v = f.ledger.verifyJournal();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).hasSize(1);
        BrokenLink link = v.firstBroken().get(0);
        assertThat(link.chainId()).isEqualTo(last.chainId());
        // the head still claims the deleted row: reported at the head's position or at the row before it
        assertThat(link.chainSeq()).isIn(last.chainSeq(), last.chainSeq() - 1);
        assertThat(link.reason()).isNotBlank();
        assertThat(f.ledger.checkInvariants().ok()).isFalse();
    }

    @Test
    void deletingARowInTheMiddleBreaksTheNextOne() {
        List<Row> chain = longestChain();
        Row gone = chain.get(1);
        f.update("DELETE FROM ledger_transfer WHERE id = ?", gone.id());
        JournalVerification v = f.ledger.verifyJournal();
        assertThat(v.firstBroken()).hasSize(1);
        BrokenLink link = v.firstBroken().get(0);
        assertThat(link.chainId()).isEqualTo(gone.chainId());
        assertThat(link.chainSeq()).isIn(gone.chainSeq(), chain.get(2).chainSeq());
        assertThat(f.ledger.checkInvariants().ok()).isFalse();
    }

    @Test
    void swappingTwoRowsHashesIsDetectedAtTheFirst() {
        List<Row> chain = longestChain();
        Row first = chain.get(0), second = chain.get(2);
        String h1 = f.rows("SELECT hash FROM ledger_transfer WHERE id = ?", first.id()).get(0).get(0);
        String h2 = f.rows("SELECT hash FROM ledger_transfer WHERE id = ?", second.id()).get(0).get(0);
        f.update("UPDATE ledger_transfer SET hash = ? WHERE id = ?", h2, first.id());
        f.update("UPDATE ledger_transfer SET hash = ? WHERE id = ?", h1, second.id());
        assertOnlyBroken(first);
    }

    @Test
    void aForgedAccountTotalIsAnInvariantViolationButNotAJournalOne() {
        f.update("UPDATE ledger_account SET credits_posted = credits_posted + 100 WHERE id = ?", other);
        assertThat(f.ledger.verifyJournal().intact()).isTrue();
        InvariantReport report = f.ledger.checkInvariants();
        assertThat(report.ok()).isFalse();
        assertThat(report.violations()).isNotEmpty();
        assertThat(report.violations()).anySatisfy(v -> assertThat(v.subject() + " " + v.detail())
                .contains(String.valueOf(other)));
    }

    @Test
    void theUntouchedJournalVerifiesEveryRow() {
        JournalVerification v = f.ledger.verifyJournal();
        assertThat(v.intact()).isTrue();
        assertThat(v.rowsVerified()).isEqualTo(f.transferCount());
        assertThat(f.ledger.checkInvariants().transfersChecked()).isEqualTo(f.transferCount());
    }

    @Test
    void aForgedChainHeadIsDetected() {
        List<Row> chain = longestChain();
        f.update("UPDATE ledger_chain SET last_hash = ? WHERE chain_id = ?", "f".repeat(64), chain.get(0).chainId());
        JournalVerification v = f.ledger.verifyJournal();
        assertThat(v.firstBroken()).hasSize(1);
        assertThat(v.firstBroken().get(0).chainId()).isEqualTo(chain.get(0).chainId());
        assertThat(f.ledger.checkInvariants().ok()).isFalse();
    }

    @Test
    void aForgedHoldStateIsAnInvariantViolation() {
        String hold = uid("hold");
        f.ledger.createTransfer(TransferRequest.pending(hold, wallet, shop, 10, CNY, CODE, 0, null)).orThrow();
        assertThat(f.ledger.checkInvariants().ok()).isTrue();
        f.update("UPDATE ledger_pending SET state = 'POSTED' WHERE transfer_id = ?", hold);
        InvariantReport report = f.ledger.checkInvariants();
        assertThat(report.journal().intact()).isTrue();
        assertThat(report.violations()).as("a hold marked posted without a post").isNotEmpty();
    }
}
