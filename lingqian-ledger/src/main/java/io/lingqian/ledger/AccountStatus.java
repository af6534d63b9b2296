package io.lingqian.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an account.
 *
 * <ul>
 *   <li>{@code ACTIVE}: debits and credits allowed.</li>
 *   <li>{@code FROZEN}: no new debits (no payment, transfer or hold out of it) but credits still
 *       arrive, so refunds and returned transfers reach a frozen wallet. Holds taken before the
 *       freeze can still be posted or voided: the money was reserved already.</li>
 *   <li>{@code CLOSED}: final; neither debits nor credits. Only an account with zero totals
 *       outstanding (zero balance, nothing pending) can be closed.</li>
 * </ul>
 */
public enum AccountStatus {
    ACTIVE, FROZEN, CLOSED;

    /** The transition table: which statuses may follow this one. */
    public Set<AccountStatus> next() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(FROZEN, CLOSED);
            case FROZEN -> EnumSet.of(ACTIVE, CLOSED);
            case CLOSED -> EnumSet.noneOf(AccountStatus.class);
        };
    }

    public boolean canBecome(AccountStatus target) {
        return next().contains(target);
    }
}
