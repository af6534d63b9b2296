package io.lingqian.ledger;

/**
 * An account's four totals at one moment. Balances are derived, never stored apart from these.
 *
 * <p>For a credit-normal account (a user's wallet: money the platform owes), the balance is
 * {@link #creditBalance()} and what can be spent is {@link #availableCredit()}, which already
 * subtracts the holds. For a debit-normal account (a bank reserve: money held at a bank), use the
 * debit variants.
 */
public record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {

    public static final Balances ZERO = new Balances(0, 0, 0, 0);

    /** Posted credits minus posted debits. */
    public long creditBalance() {
        return Math.subtractExact(creditsPosted, debitsPosted);
    }

    /** Posted credits minus posted and pending debits: what a no-overdraft account can still spend. */
    public long availableCredit() {
        return Math.subtractExact(creditsPosted, Math.addExact(debitsPosted, debitsPending));
    }

    /** Posted debits minus posted credits. */
    public long debitBalance() {
        return Math.subtractExact(debitsPosted, creditsPosted);
    }

    /** Posted debits minus posted and pending credits. */
    public long availableDebit() {
        return Math.subtractExact(debitsPosted, Math.addExact(creditsPosted, creditsPending));
    }
}
