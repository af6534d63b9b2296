package io.lingqian.wallet;

/**
 * Published in the transaction that records a card credit's final answer from the bank, so that
 * the context that asked for it (a refund) completes in that same transaction.
 */
public record CardCreditSettled(CardCredit credit) {

    public boolean succeeded() {
        return credit.status() == MoneyStatus.SUCCEEDED;
    }
}
