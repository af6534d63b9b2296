package io.lingqian.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.lingqian.audit.AuditEntry;
import io.lingqian.audit.AuditLog;
import io.lingqian.risk.internal.RiskStore;
import io.lingqian.wallet.WalletSecurityEvent;

/**
 * Keeps the engine's memory and the freezes current.
 *
 * <ul>
 * <li>On start: the newest rule version, the blacklist, the merchant summaries, the last
 *     {@code history-days} of stored attempts (velocity, amounts, payees) and the last day of security
 *     events from the audit log (password failures, credential changes).</li>
 * <li>{@link #poll()} (every {@code poll-interval}): a newer rule version, the blacklist, changed
 *     merchant summaries, and other instances' attempts since the last poll.</li>
 * <li>{@link #expireFreezes()}: freezes and amount holds whose expiry passed end.</li>
 * </ul>
 * Tests run these by hand (jobs are off there).
 */
@Service
public class RiskJobs {

    private static final int PAGE = 5_000;

    private final RiskRules rules;
    private final RiskBlacklist blacklist;
    private final RiskEngine engine;
    private final RiskStore store;
    private final AuditLog audit;
    private final WalletFreezes freezes;
    private final AmountHolds holds;
    private final RiskInstance instance;
    private final RiskProperties settings;
    private final Clock clock;
    private final AtomicLong eventWatermark = new AtomicLong();
    private volatile Instant merchantsSince = Instant.EPOCH;

    RiskJobs(RiskRules rules, RiskBlacklist blacklist, RiskEngine engine, RiskStore store, AuditLog audit,
            WalletFreezes freezes, AmountHolds holds, RiskInstance instance, RiskProperties settings, Clock clock) {
        this.rules = rules;
        this.blacklist = blacklist;
        this.engine = engine;
        this.store = store;
        this.audit = audit;
        this.freezes = freezes;
        this.holds = holds;
        this.instance = instance;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long watermark = store.maxEventId();
        Instant since = clock.instant().minus(Duration.ofDays(settings.historyDays()));
        long after = 0;
        List<RiskStore.EventRow> page;
        do {
            page = store.eventsSince(since, after, PAGE);
            for (RiskStore.EventRow row : page) {
                feed(row);
                after = row.id();
            }
        } while (page.size() == PAGE);
        eventWatermark.set(Math.max(watermark, after));
        for (AuditEntry e : audit.since(clock.instant().minus(Duration.ofDays(1)), List.of(
                WalletSecurityEvent.Kind.PASSWORD_WRONG.name(), WalletSecurityEvent.Kind.PASSWORD_CHANGED.name(),
                WalletSecurityEvent.Kind.PASSWORD_RESET.name(), WalletSecurityEvent.Kind.DEVICE_TRUSTED.name()))) {
            if (e.actorId() == null) {
                continue;
            }
            if (e.kind().equals(WalletSecurityEvent.Kind.PASSWORD_WRONG.name())) {
                engine.recordPasswordFailure(e.actorId(), e.at());
            } else {
                engine.recordSecurityChange(e.actorId(), e.at());
            }
        }
        poll();
    }

    /** Picks up what changed elsewhere; returns whether the rules changed. */
    public boolean poll() {
        boolean changed = rules.reload();
        blacklist.reload();
        Instant now = clock.instant();
        for (RiskStore.MerchantRow m : store.merchantsUpdatedSince(merchantsSince.minusSeconds(60))) {
            engine.merchantStats(m.merchantId(), m.payments(), m.refunds(), m.complaints());
        }
        merchantsSince = now;
        List<RiskStore.EventRow> others;
        do {
            others = store.othersAfter(instance.id(), eventWatermark.get(), PAGE);
            for (RiskStore.EventRow row : others) {
                feed(row);
                eventWatermark.accumulateAndGet(row.id(), Math::max);
            }
        } while (others.size() == PAGE);
        return changed;
    }

    /** Freezes and amount holds whose expiry passed end; how many of both. */
    public int expireFreezes() {
        return freezes.expire() + holds.expire();
    }

    public int evict() {
        return engine.evictIdle();
    }

    private void feed(RiskStore.EventRow row) {
        RiskAction action = RiskAction.valueOf(row.action());
        boolean allowed = row.decision().equals("ALLOW") || row.decision().equals("CHALLENGE_PASSED");
        engine.record(new RiskEvent(row.eventKey(), action, row.userId(), row.deviceId(), row.amountFen(),
                row.merchantId(), row.payeeUserId(), row.cardKey(), row.passwordFree(), row.at().toInstant()), allowed);
    }
}
