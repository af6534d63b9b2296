package io.lingqian.accounting;

/**
 * The account types of the chart of accounts: the ledger's account {@code code}.
 *
 * <p>"Normal side" is where the balance lives: credit-normal accounts hold what the platform owes
 * (a wallet's balance is {@code credits − debits}); debit-normal accounts hold what it has (money at
 * a bank is {@code debits − credits}).
 */
public enum AccountType {
    /** Customer funds the platform holds at one partner bank. Debit-normal; cannot go below zero. */
    BANK_RESERVE(101, Side.DEBIT),
    /** Money on its way to or from one partner bank, until the bank confirms. */
    BANK_CLEARING(102, Side.DEBIT),
    /** A user's balance (零钱). Credit-normal, no overdraft. */
    USER_WALLET(201, Side.CREDIT),
    /** A merchant's takings not yet paid out to its bank account. Credit-normal, no overdraft. */
    MERCHANT_PENDING_SETTLEMENT(202, Side.CREDIT),
    /** A merchant's deposit, when the operator requires one. */
    MERCHANT_DEPOSIT(203, Side.CREDIT),
    /** Transfers between users waiting to be accepted. */
    TRANSFER_ESCROW(301, Side.CREDIT),
    /** Red packets sent and not yet opened. */
    RED_PACKET_ESCROW(302, Side.CREDIT),
    /** Budgets of pre-funded coupon stocks. */
    COUPON_FUNDING(303, Side.CREDIT),
    /** Withdrawals sent to a bank and not yet confirmed. */
    WITHDRAWAL_IN_TRANSIT(304, Side.CREDIT),
    /** Settlements sent to merchants' banks and not yet confirmed. */
    SETTLEMENT_IN_TRANSIT(305, Side.CREDIT),
    /** Parts of wallet balances held by risk control (amount holds): only pending transfers, never posted. */
    RISK_HOLD(306, Side.CREDIT),
    /** Merchants' red packets (企业红包) sent and not yet opened or returned. */
    MERCHANT_RED_PACKET_ESCROW(307, Side.CREDIT),
    /** The platform's fee income (merchant fees, withdrawal fees). */
    FEE_INCOME(401, Side.CREDIT),
    /** Money set aside to compensate users for stolen funds. */
    COMPENSATION_FUND(402, Side.CREDIT),
    /** The operator's own capital, from which funds such as compensation are allocated. */
    OPERATOR_CAPITAL(501, Side.CREDIT);

    public enum Side { DEBIT, CREDIT }

    private final int code;
    private final Side normalSide;

    AccountType(int code, Side normalSide) {
        this.code = code;
        this.normalSide = normalSide;
    }

    public int code() {
        return code;
    }

    public Side normalSide() {
        return normalSide;
    }

    public static AccountType ofCode(int code) {
        for (AccountType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("no account type with code " + code);
    }
}
