package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.audit.AuditLog;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.RiskStore;

/**
 * Blacklisted users, devices, cards (by the card number's blind index, never the number) and
 * merchants. The rules {@code blacklist.*} read it from the engine's memory; changes reach this
 * instance at once and the others at their next poll.
 */
@Service
public class RiskBlacklist {

    /** An entry. */
    public record Entry(String kind, String entry, String reason, String addedBy, Instant addedAt) {
    }

    static final Set<String> KINDS = Set.of("user", "device", "card", "merchant");
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_=+/-]{1,100}");

    private final RiskStore store;
    private final RiskEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RiskBlacklist(RiskStore store, RiskEngine engine, AuditLog audit, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    public List<Entry> entries() {
        return store.blacklist().stream()
                .map(r -> new Entry(r.kind(), r.entry(), r.reason(), r.addedBy(), r.addedAt().toInstant())).toList();
    }

    /** Adds an entry; adding one that exists changes nothing. */
    public void add(String kind, String entry, String reason, long staffId, String staffName) {
        check(kind, entry);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_reason", "Give a reason (1-200 characters).");
        }
        transaction.executeWithoutResult(status -> {
            if (store.addBlacklist(kind, entry, reason.strip(), staffName, clock.instant())) {
                audit.staff(staffId, staffName, "BLACKLIST_ADDED", kind + ":" + entry, reason.strip());
            }
        });
        engine.blacklist(kind, entry, true);
    }

    public void remove(String kind, String entry, long staffId, String staffName) {
        check(kind, entry);
        transaction.executeWithoutResult(status -> {
            if (store.removeBlacklist(kind, entry)) {
                audit.staff(staffId, staffName, "BLACKLIST_REMOVED", kind + ":" + entry, "");
            }
        });
        engine.blacklist(kind, entry, false);
    }

    /** Loads the stored list into the engine (on start and at each poll). */
    void reload() {
        engine.replaceBlacklist(store.blacklist().stream().map(r -> r.kind() + ":" + r.entry())
                .collect(java.util.stream.Collectors.toSet()));
    }

    private static void check(String kind, String entry) {
        if (kind == null || !KINDS.contains(kind)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_kind", "A blacklist entry is a user, "
                    + "device, card or merchant.");
        }
        if (entry == null || !ENTRY.matcher(entry).matches()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_entry", "That is not a valid entry.");
        }
    }
}
