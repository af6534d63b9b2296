package io.lingqian.ledger;

import java.time.Instant;
import java.util.Set;

/**
 * An account as stored.
 *
 * @param id        chosen by the caller (platform accounts) or from {@link Ledger#nextAccountId()}
 * @param ledger    currency, as the ISO 4217 numeric code (156 = CNY); transfers never cross ledgers
 * @param code      the account type in the platform's chart of accounts
 * @param reference the owner's business key, for example {@code wallet:42}; unique when present
 */
public record Account(long id, int ledger, int code, Set<AccountFlag> flags, AccountStatus status,
                      Balances balances, String reference, Instant createdAt) {

    public boolean has(AccountFlag flag) {
        return flags.contains(flag);
    }
}
