package io.lingqian.risk;

/** What a user is about to do. The first five move money; the last two change how money may be moved. */
public enum RiskAction {
    /** A payment to a merchant. */
    PAYMENT,
    /** A transfer (转账) to another user. */
    TRANSFER,
    /** A red packet (红包). */
    RED_PACKET,
    /** A withdrawal to a bound card. */
    WITHDRAWAL,
    /** A merchant paying a user (商家转账到零钱). */
    PAYOUT,
    /** Setting, changing or resetting the payment password. */
    PASSWORD_CHANGE,
    /** Binding a bank card. */
    CARD_BINDING;

    /** Whether the action takes money out of the user's wallet: only these feed the velocity counters. */
    public boolean movesMoney() {
        return this != PASSWORD_CHANGE && this != CARD_BINDING;
    }
}
