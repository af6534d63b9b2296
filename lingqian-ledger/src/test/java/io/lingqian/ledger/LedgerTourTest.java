package io.lingqian.ledger;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.ledger.jdbc.JdbcLedger;
import io.lingqian.ledger.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.lingqian.ledger.AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS;
import static io.lingqian.ledger.CreateTransferResult.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A short tour of the ledger as a user of it sees it: top up, pay with a hold, refund, expire. */
class LedgerTourTest {

    static final long BANK = 1001, WALLET = 2001, MERCHANT = 3001, FEES = 4001;
    static final int TOPUP = 1, PAYMENT = 2, FEE = 3;

    TestDatabase db;
    AdjustableClock clock = AdjustableClock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    Ledger ledger;

    @BeforeEach
    void open() {
        db = TestDatabase.create();
        ledger = new JdbcLedger(db.dataSource(), clock);
        assertThat(ledger.createAccounts(List.of(
                NewAccount.of(BANK, Ledger.CNY, 100, "bank:CMB"),
                NewAccount.of(WALLET, Ledger.CNY, 200, "wallet:1", DEBITS_MUST_NOT_EXCEED_CREDITS),
                NewAccount.of(MERCHANT, Ledger.CNY, 210, "merchant:1", DEBITS_MUST_NOT_EXCEED_CREDITS),
                NewAccount.of(FEES, Ledger.CNY, 300, "fees"))))
                .allMatch(AccountResult::ok);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void topUpPayWithAHoldAndExpireAnother() {
        assertThat(ledger.createTransfer(TransferRequest.single("topup-1", BANK, WALLET, 10_000, Ledger.CNY, TOPUP,
                "topup:1")).result()).isEqualTo(CREATED);

        // a payment of 60.00 held, then posted together with the merchant's fee, all or nothing
        assertThat(ledger.createTransfer(TransferRequest.pending("pay-1", WALLET, MERCHANT, 6_000, Ledger.CNY,
                PAYMENT, 900, "order:1")).result()).isEqualTo(CREATED);
        assertThat(ledger.account(WALLET).orElseThrow().balances().availableCredit()).isEqualTo(4_000);
        List<TransferResult> settle = ledger.createLinked(List.of(
                TransferRequest.post("pay-1-post", "pay-1"),
                TransferRequest.single("pay-1-fee", MERCHANT, FEES, 36, Ledger.CNY, FEE, "order:1")));
        assertThat(settle).extracting(TransferResult::result).containsExactly(CREATED, CREATED);

        // the same request again moves nothing; a different one with the same id is refused
        assertThat(ledger.createTransfer(TransferRequest.single("topup-1", BANK, WALLET, 10_000, Ledger.CNY, TOPUP,
                "topup:1")).result()).isEqualTo(EXISTS);
        assertThat(ledger.createTransfer(TransferRequest.single("topup-1", BANK, WALLET, 10_001, Ledger.CNY, TOPUP,
                "topup:1")).result()).isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);

        // more than is available is refused, and a hold counts against what is available
        assertThat(ledger.createTransfer(TransferRequest.pending("pay-2", WALLET, MERCHANT, 3_000, Ledger.CNY,
                PAYMENT, 60, "order:2")).result()).isEqualTo(CREATED);
        assertThat(ledger.createTransfer(TransferRequest.single("pay-3", WALLET, MERCHANT, 1_001, Ledger.CNY,
                PAYMENT, "order:3")).result()).isEqualTo(EXCEEDS_CREDITS);

        clock.advance(Duration.ofSeconds(60));
        assertThat(ledger.voidExpiredPendingTransfers(100)).isEqualTo(1);
        assertThat(ledger.transfer("pay-2#expired")).get().extracting(Transfer::kind)
                .isEqualTo(TransferKind.VOID_PENDING);
        assertThat(ledger.createTransfer(TransferRequest.post("pay-2-post", "pay-2")).result())
                .isEqualTo(PENDING_TRANSFER_EXPIRED);

        Balances wallet = ledger.account(WALLET).orElseThrow().balances();
        assertThat(wallet.creditBalance()).isEqualTo(4_000);
        assertThat(wallet.availableCredit()).isEqualTo(4_000);
        assertThat(ledger.account(MERCHANT).orElseThrow().balances().creditBalance()).isEqualTo(5_964);
        assertThat(ledger.transfersByReference("order:1")).extracting(Transfer::id)
                .containsExactly("pay-1", "pay-1-post", "pay-1-fee");

        Statement statement = ledger.statement(WALLET, 0, 10);
        assertThat(statement.lines()).extracting(l -> l.after().availableCredit())
                .containsExactly(10_000L, 4_000L, 4_000L, 1_000L, 4_000L);
        InvariantReport report = ledger.checkInvariants();
        assertThat(report.violations()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.journal().rowsVerified()).isEqualTo(6);
    }
}
