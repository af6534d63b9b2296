package io.lingqian.bank;

/** Debit cards draw on the holder's own money; credit cards on the bank's credit line. */
public enum CardType {
    DEBIT,
    CREDIT
}
