package io.lingqian.social;

import java.time.Instant;

/** Someone a user added by mobile number; the people they can transfer to and send packets to. */
public record Contact(long userId, String mobile, String displayName, Instant addedAt) {
}
