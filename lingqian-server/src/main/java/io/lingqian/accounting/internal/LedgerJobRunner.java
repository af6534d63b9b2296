package io.lingqian.accounting.internal;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.Ledger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Voids expired holds every few seconds and checks the invariants every quarter of an hour.
 *
 * <p>Several instances may run these side by side: the sweeper claims holds with
 * {@code SKIP LOCKED}, so each hold is voided once; the check only reads.
 */
@Component
class LedgerJobRunner implements LedgerJobs {

    private static final Logger log = LoggerFactory.getLogger(LedgerJobRunner.class);
    /** Holds voided per transaction; bounded so one sweep never holds many locks for long. */
    private static final int SWEEP_BATCH = 500;

    private final Ledger ledger;
    private final Counter expired;
    private final AtomicReference<InvariantReport> latest = new AtomicReference<>();

    LedgerJobRunner(Ledger ledger, MeterRegistry meters) {
        this.ledger = ledger;
        this.expired = Counter.builder("lingqian.ledger.holds.expired")
                .description("Pending transfers voided because their timeout passed").register(meters);
        Gauge.builder("lingqian.ledger.invariants.ok", latest, r -> r.get() == null ? Double.NaN : r.get().ok() ? 1 : 0)
                .description("1 if the latest invariant check passed, 0 if it failed, NaN before the first")
                .register(meters);
        Gauge.builder("lingqian.ledger.invariants.violations", latest,
                        r -> r.get() == null ? Double.NaN : r.get().violations().size() + r.get().journal().firstBroken().size())
                .description("Violations found by the latest invariant check").register(meters);
        Gauge.builder("lingqian.ledger.invariants.checked.at", latest,
                        r -> r.get() == null ? Double.NaN : r.get().checkedAt().getEpochSecond())
                .description("When the latest invariant check ran (epoch seconds)").baseUnit("seconds").register(meters);
    }

    @Override
    @Scheduled(fixedDelayString = "${lingqian.ledger.sweep-interval:5s}", initialDelayString = "${lingqian.ledger.sweep-interval:5s}")
    public int voidExpiredHolds() {
        int total = 0;
        int voided;
        do {
            voided = ledger.voidExpiredPendingTransfers(SWEEP_BATCH);
            total += voided;
        } while (voided == SWEEP_BATCH);
        if (total > 0) {
            expired.increment(total);
            log.info("Voided {} expired holds", total);
        }
        return total;
    }

    @Override
    @Scheduled(fixedDelayString = "${lingqian.ledger.invariant-check-interval:15m}", initialDelayString = "1m")
    public InvariantReport checkInvariants() {
        InvariantReport report = ledger.checkInvariants();
        latest.set(report);
        if (report.ok()) {
            log.info("Ledger invariants hold: {} accounts, {} transfers, {} journal rows verified",
                    report.accountsChecked(), report.transfersChecked(), report.journal().rowsVerified());
        } else {
            log.error("LEDGER INVARIANTS VIOLATED: {} violations, broken journal links {}; first: {}",
                    report.violations().size(), report.journal().firstBroken(),
                    report.violations().isEmpty() ? "-" : report.violations().get(0));
        }
        return report;
    }

    @Override
    public Optional<InvariantReport> latestCheck() {
        return Optional.ofNullable(latest.get());
    }
}
