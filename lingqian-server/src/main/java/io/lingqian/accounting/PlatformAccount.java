package io.lingqian.accounting;

import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform's own accounts, with fixed ids below 1,000,000. Opened at start-up (idempotently);
 * see docs/ledger.md for which flows touch each.
 */
public record PlatformAccount(long id, AccountType type, String reference, String description,
                              AccountFlag... flags) {

    public static final PlatformAccount TRANSFER_ESCROW = of(3001, AccountType.TRANSFER_ESCROW,
            "Transfers waiting for their receiver", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount RED_PACKET_ESCROW = of(3002, AccountType.RED_PACKET_ESCROW,
            "Red packets not yet opened", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount COUPON_FUNDING = of(3003, AccountType.COUPON_FUNDING,
            "Pre-funded coupon budgets", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount WITHDRAWAL_IN_TRANSIT = of(3004, AccountType.WITHDRAWAL_IN_TRANSIT,
            "Withdrawals sent to banks, not yet confirmed", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount SETTLEMENT_IN_TRANSIT = of(3005, AccountType.SETTLEMENT_IN_TRANSIT,
            "Settlements sent to banks, not yet confirmed", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount RISK_HOLD = of(3006, AccountType.RISK_HOLD,
            "Wallet amounts held by risk control (pending only)", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount MERCHANT_RED_PACKET_ESCROW = of(3007, AccountType.MERCHANT_RED_PACKET_ESCROW,
            "Merchants' red packets not yet opened", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount FEE_INCOME = of(4001, AccountType.FEE_INCOME,
            "Fee income", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount COMPENSATION_FUND = of(4002, AccountType.COMPENSATION_FUND,
            "Compensation fund for stolen funds", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    public static final PlatformAccount OPERATOR_CAPITAL = of(5001, AccountType.OPERATOR_CAPITAL,
            "Operator capital");

    private static final long RESERVE_BASE = 1000;
    private static final long CLEARING_BASE = 1100;

    private static PlatformAccount of(long id, AccountType type, String description, AccountFlag... flags) {
        return new PlatformAccount(id, type, "platform:" + type.name().toLowerCase(), description, flags);
    }

    /** Customer funds held at {@code bank}: debit-normal, and never below zero. */
    public static PlatformAccount bankReserve(PartnerBank bank) {
        return new PlatformAccount(RESERVE_BASE + 1 + bank.ordinal(), AccountType.BANK_RESERVE,
                "platform:bank_reserve:" + bank.name(), "Customer funds at " + bank.displayName(),
                AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
    }

    /** Money in flight with {@code bank}. */
    public static PlatformAccount bankClearing(PartnerBank bank) {
        return new PlatformAccount(CLEARING_BASE + 1 + bank.ordinal(), AccountType.BANK_CLEARING,
                "platform:bank_clearing:" + bank.name(), "Clearing with " + bank.displayName());
    }

    /** Every platform account, in id order. */
    public static List<PlatformAccount> all() {
        List<PlatformAccount> all = new ArrayList<>();
        for (PartnerBank bank : PartnerBank.values()) {
            all.add(bankReserve(bank));
        }
        for (PartnerBank bank : PartnerBank.values()) {
            all.add(bankClearing(bank));
        }
        all.addAll(List.of(TRANSFER_ESCROW, RED_PACKET_ESCROW, COUPON_FUNDING, WITHDRAWAL_IN_TRANSIT,
                SETTLEMENT_IN_TRANSIT, RISK_HOLD, MERCHANT_RED_PACKET_ESCROW, FEE_INCOME, COMPENSATION_FUND, OPERATOR_CAPITAL));
        return all;
    }

    public NewAccount toNewAccount() {
        return NewAccount.of(id, Ledger.CNY, type.code(), reference, flags);
    }
}
