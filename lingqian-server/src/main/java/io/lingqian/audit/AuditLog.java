package io.lingqian.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.lingqian.audit.internal.AuditStore;
import io.lingqian.wallet.WalletSecurityEvent;

/** Appends to and reads the audit log. Writes join the caller's transaction: an undone action leaves no line. */
@Service
public class AuditLog {

    /** What to list; null fields do not filter. {@code actor} matches the actor's name exactly. */
    public record Filter(String actor, String kind, Instant from, Instant to) {
    }

    static final int MAX_DETAIL = 1000;

    private final AuditStore store;
    private final Clock clock;

    AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void staff(long staffId, String staffName, String kind, String subject, String detail) {
        append(AuditEntry.ActorKind.STAFF, staffId, staffName, kind, subject, detail);
    }

    public void user(long userId, String kind, String subject, String detail) {
        append(AuditEntry.ActorKind.USER, userId, "user:" + userId, kind, subject, detail);
    }

    public void system(String who, String kind, String subject, String detail) {
        append(AuditEntry.ActorKind.SYSTEM, null, who, kind, subject, detail);
    }

    public void anonymous(String kind, String subject, String detail) {
        append(AuditEntry.ActorKind.ANONYMOUS, null, "anonymous", kind, subject, detail);
    }

    private void append(AuditEntry.ActorKind actorKind, Long actorId, String actorName, String kind, String subject,
            String detail) {
        String text = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        store.insert(clock.instant(), actorKind.name(), actorId, actorName, kind, subject, text);
    }

    /** The newest entries first, at most {@code limit} (1-500). */
    public List<AuditEntry> search(Filter filter, int limit) {
        return store.search(filter.actor() == null || filter.actor().isBlank() ? null : filter.actor().strip(),
                filter.kind() == null || filter.kind().isBlank() ? null : filter.kind().strip(), filter.from(),
                filter.to(), Math.max(1, Math.min(500, limit)));
    }

    /** Entries of these kinds since a time, oldest first (for rebuilding in-memory state on start). */
    public List<AuditEntry> since(Instant since, java.util.Collection<String> kinds) {
        return store.since(since, List.copyOf(kinds));
    }

    /** The kinds that occur, for the filter's list. */
    public List<String> kinds() {
        return store.kinds();
    }

    @EventListener
    void on(WalletSecurityEvent event) {
        String subject = event.userId() == null ? null : "user:" + event.userId();
        if (event.userId() == null) {
            anonymous(event.kind().name(), subject, event.detail());
        } else {
            user(event.userId(), event.kind().name(), subject, event.detail());
        }
    }
}
