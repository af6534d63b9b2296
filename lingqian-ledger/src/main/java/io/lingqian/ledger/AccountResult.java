package io.lingqian.ledger;

/** Outcome of opening one account: the id, and what happened. */
public record AccountResult(long id, CreateAccountResult result) {
    public boolean ok() {
        return result.ok();
    }
}
