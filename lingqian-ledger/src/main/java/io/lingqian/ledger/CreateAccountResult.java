package io.lingqian.ledger;

/** Outcome of opening one account. */
public enum CreateAccountResult {
    CREATED,
    /** The same id exists with the same fields: nothing changed. */
    EXISTS,
    ID_MUST_BE_POSITIVE,
    LEDGER_MUST_NOT_BE_ZERO,
    CODE_MUST_NOT_BE_ZERO,
    FLAGS_ARE_MUTUALLY_EXCLUSIVE,
    REFERENCE_TOO_LONG,
    EXISTS_WITH_DIFFERENT_LEDGER,
    EXISTS_WITH_DIFFERENT_CODE,
    EXISTS_WITH_DIFFERENT_FLAGS,
    EXISTS_WITH_DIFFERENT_REFERENCE,
    /** Another account already carries this reference. */
    REFERENCE_TAKEN;

    public boolean ok() {
        return this == CREATED || this == EXISTS;
    }
}
