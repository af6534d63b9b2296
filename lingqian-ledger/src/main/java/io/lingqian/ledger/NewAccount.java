package io.lingqian.ledger;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A request to open an account. Opening the same id again with the same fields is a no-op. */
public record NewAccount(long id, int ledger, int code, Set<AccountFlag> flags, String reference) {

    public NewAccount {
        flags = flags.isEmpty() ? EnumSet.noneOf(AccountFlag.class) : EnumSet.copyOf(flags);
    }

    public static NewAccount of(long id, int ledger, int code, String reference, AccountFlag... flags) {
        Set<AccountFlag> set = EnumSet.noneOf(AccountFlag.class);
        set.addAll(java.util.List.of(flags));
        return new NewAccount(id, ledger, code, set, reference);
    }

    boolean sameAs(Account a) {
        return a.ledger() == ledger && a.code() == code && a.flags().equals(flags)
                && Objects.equals(a.reference(), reference);
    }
}
