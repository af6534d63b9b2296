package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.audit.AuditLog;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.CaseStore;
import io.lingqian.risk.internal.RiskStore;

/**
 * Cases for staff: one open case per user, opened by a denial, a failed challenge, a locked payment
 * password or a freeze, and updated by each further one. Staff clear it (a false alarm) or confirm
 * fraud; freezing, unfreezing and blacklisting from a case go through {@link WalletFreezes} and
 * {@link RiskBlacklist} and are written into the case's trail. Every staff action is also audited.
 */
@Service
public class RiskCases {

    private final CaseStore store;
    private final RiskStore events;
    private final AuditLog audit;
    private final Clock clock;

    RiskCases(CaseStore store, RiskStore events, AuditLog audit, Clock clock) {
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens the user's case or adds to the open one; in the caller's transaction.
     *
     * @param kind what happened (DENY, DENY_AND_FREEZE, CHALLENGE_FAILED, PASSWORD_LOCKED, FROZEN …)
     * @return the case id
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(long userId, String kind, String decision, String detail, String actor) {
        Instant now = clock.instant();
        String summary = detail.length() > 500 ? detail.substring(0, 500) : detail;
        long id = store.lockOpenOf(userId).map(open -> {
            store.hit(open.id(), decision, summary, now);
            return open.id();
        }).orElseGet(() -> store.insert(userId, decision, summary, now));
        store.event(id, kind, actor, detail, now);
        return id;
    }

    public List<RiskCase> list(RiskCase.State state, Long userId, int limit) {
        return store.list(state == null ? null : state.name(), userId, Math.max(1, Math.min(500, limit))).stream()
                .map(RiskCases::view).toList();
    }

    public Optional<RiskCase> get(long id) {
        return store.get(id).map(RiskCases::view);
    }

    public List<RiskCase.Event> trail(long caseId) {
        return store.events(caseId).stream()
                .map(e -> new RiskCase.Event(e.kind(), e.actor(), e.detail(), e.at().toInstant())).toList();
    }

    /** The user's last attempts as the engine saw them, newest first. */
    public List<RiskCase.Attempt> recentActivity(long userId, int limit) {
        return events.recentOf(userId, Math.max(1, Math.min(200, limit))).stream()
                .map(e -> new RiskCase.Attempt(e.action(), e.amountFen(), e.merchantId(), e.payeeUserId(), e.deviceId(),
                        e.decision(), e.fired(), e.testFired(), e.at().toInstant()))
                .toList();
    }

    /** The devices and card fingerprints seen in the user's recent attempts, for blacklisting from a case. */
    public List<String> recentDevices(long userId) {
        return events.recentOf(userId, 200).stream().map(RiskStore.EventRow::deviceId)
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    public List<String> recentCards(long userId) {
        return events.recentOf(userId, 200).stream().map(RiskStore.EventRow::cardKey)
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** Closes the case as a false alarm. */
    @Transactional
    public RiskCase clear(long caseId, long staffId, String staffName, String note) {
        return close(caseId, RiskCase.State.CLEARED, staffId, staffName, note);
    }

    /** Closes the case as fraud (a claim may then refer to it). */
    @Transactional
    public RiskCase confirmFraud(long caseId, long staffId, String staffName, String note) {
        return close(caseId, RiskCase.State.FRAUD_CONFIRMED, staffId, staffName, note);
    }

    private RiskCase close(long caseId, RiskCase.State target, long staffId, String staffName, String note) {
        CaseStore.CaseRow row = store.lock(caseId).orElseThrow(RiskCases::notFound);
        RiskCase.State state = RiskCase.State.valueOf(row.state());
        if (!state.next().contains(target)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "case_closed",
                    "This case is " + state + " already; nothing was changed.");
        }
        Instant now = clock.instant();
        store.close(caseId, target.name(), staffName, now);
        String text = note == null || note.isBlank() ? "" : note.strip();
        store.event(caseId, target.name(), staffName, text.isEmpty() ? "closed" : text, now);
        audit.staff(staffId, staffName, "CASE_" + target.name(), "case:" + caseId, text);
        return get(caseId).orElseThrow();
    }

    /** Adds a line to the case's trail for an action staff took elsewhere (a freeze, a blacklist entry). */
    @Transactional
    public void note(long caseId, String kind, String actor, String detail) {
        store.lock(caseId).orElseThrow(RiskCases::notFound);
        store.event(caseId, kind, actor, detail, clock.instant());
        store.touch(caseId, clock.instant());
    }

    static ApiProblemException notFound() {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such case.");
    }

    private static RiskCase view(CaseStore.CaseRow r) {
        return new RiskCase(r.id(), r.userId(), RiskCase.State.valueOf(r.state()), r.decision(), r.summary(), r.hits(),
                r.openedAt().toInstant(), r.updatedAt().toInstant(),
                r.closedAt() == null ? null : r.closedAt().toInstant(), r.closedBy());
    }
}
