package io.lingqian.audit;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param actorKind who acted: staff, a wallet user, the system (a rule, a job) or someone not signed in
 * @param kind      what happened, e.g. {@code PASSWORD_CHANGED}, {@code WALLET_FROZEN}, {@code CASE_CLEARED}
 * @param subject   what it happened to, e.g. {@code user:42}, {@code case:7}
 */
public record AuditEntry(long id, Instant at, ActorKind actorKind, Long actorId, String actorName, String kind,
                         String subject, String detail) {

    public enum ActorKind {
        STAFF, USER, SYSTEM, ANONYMOUS
    }
}
