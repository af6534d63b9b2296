package io.lingqian.wallet;

import java.time.Instant;

/** A registered wallet user; {@code mobile} is the mainland number they sign in with. */
public record WalletUser(long id, String mobile, String displayName, Instant createdAt) {
}
