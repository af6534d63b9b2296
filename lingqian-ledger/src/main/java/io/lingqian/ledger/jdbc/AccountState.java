package io.lingqian.ledger.jdbc;

import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Balances;

/** A locked account's totals while a batch is applied in memory; written back if {@link #dirty}. */
final class AccountState {
    final long id;
    final int ledger;
    final boolean debitsMustNotExceedCredits;
    final boolean creditsMustNotExceedDebits;
    final boolean history;
    final AccountStatus status;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;
    boolean dirty;

    AccountState(Account a) {
        this.id = a.id();
        this.ledger = a.ledger();
        this.debitsMustNotExceedCredits = a.has(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        this.creditsMustNotExceedDebits = a.has(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
        this.history = a.has(AccountFlag.HISTORY);
        this.status = a.status();
        Balances b = a.balances();
        this.debitsPending = b.debitsPending();
        this.debitsPosted = b.debitsPosted();
        this.creditsPending = b.creditsPending();
        this.creditsPosted = b.creditsPosted();
    }

    Balances balances() {
        return new Balances(debitsPending, debitsPosted, creditsPending, creditsPosted);
    }

    void restore(Balances b) {
        debitsPending = b.debitsPending();
        debitsPosted = b.debitsPosted();
        creditsPending = b.creditsPending();
        creditsPosted = b.creditsPosted();
    }
}
