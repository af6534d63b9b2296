package io.lingqian.operations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.LedgerJobs;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.audit.AuditLog;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.merchant.Settlements;
import io.lingqian.operations.internal.EndOfDayStore;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.reconciliation.ItemState;
import io.lingqian.reconciliation.ReconRun;
import io.lingqian.reconciliation.Reconciliation;
import io.lingqian.stats.Statistics;
import io.lingqian.stats.StatsRollup;
import io.lingqian.wallet.Yuan;

/**
 * Closes a China Standard Time day: checks the ledger's invariants and journal (and publishes each
 * journal chain's head at the end of the day), folds the statistics and takes the users' snapshot,
 * triggers the merchants' settlement, reconciles every partner bank, and stores a one-page report
 * with each step's result. Every step is idempotent and the report holds only figures of the day
 * itself, so closing a day again (today's job, a re-run by staff, or a past day) rewrites the same
 * report. A step that fails is recorded as FAILED and the others still run.
 */
@Service
public class EndOfDay {

    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    /** A close left RUNNING longer than this (a crashed instance) may be started again. */
    static final long STALE_SECONDS = 3600;
    private static final Logger log = LoggerFactory.getLogger(EndOfDay.class);

    public enum Status { RUNNING, OK, ATTENTION, FAILED }

    /** One step's result: what it found, one figure per line. */
    public record Step(int number, String name, Status status, List<String> lines) {
    }

    /** A day's report: how it was closed and each step. */
    public record DayReport(LocalDate day, Status state, int runs, String closedBy, Instant startedAt,
                            Instant finishedAt, List<Step> steps) {
    }

    private final EndOfDayStore store;
    private final LedgerJobs ledgerJobs;
    private final StatsRollup rollup;
    private final Statistics statistics;
    private final Settlements settlements;
    private final Reconciliation reconciliation;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final OperationsProperties properties;
    private final Clock clock;

    EndOfDay(EndOfDayStore store, LedgerJobs ledgerJobs, StatsRollup rollup, Statistics statistics,
            Settlements settlements, Reconciliation reconciliation, AuditLog audit, TransactionTemplate transaction,
            OperationsProperties properties, Clock clock) {
        this.store = store;
        this.ledgerJobs = ledgerJobs;
        this.rollup = rollup;
        this.statistics = statistics;
        this.settlements = settlements;
        this.reconciliation = reconciliation;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** Closes every finished day of the last {@code catch-up-days} that has no finished report yet. */
    public List<LocalDate> closeDueDays() {
        LocalDate yesterday = today().minusDays(1);
        LocalDate first = yesterday.minusDays(properties.catchUpDays() - 1L);
        Set<LocalDate> closed = new HashSet<>(store.closedDays(first, yesterday));
        List<LocalDate> done = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(yesterday); day = day.plusDays(1)) {
            if (!closed.contains(day)) {
                try {
                    close(day, "system");
                    done.add(day);
                } catch (ApiProblemException running) {
                    log.info("End of day {} not closed: {}", day, running.getMessage());
                }
            }
        }
        return done;
    }

    /** Closes a finished day by staff (audited), again if it was closed before. */
    public DayReport close(LocalDate day, long staffId, String staffName) {
        DayReport report = close(day, staffName);
        audit.staff(staffId, staffName, "END_OF_DAY_CLOSED", "day:" + day, "End of day " + day + " closed: "
                + report.state() + " (run " + report.runs() + ")");
        return report;
    }

    /** Closes a finished day: runs every step and stores the report. */
    public DayReport close(LocalDate day, String by) {
        if (!day.isBefore(today())) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "day_not_over",
                    "Only a finished day can be closed; " + day + " is not over yet (China Standard Time).");
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            Optional<EndOfDayStore.ReportRow> existing = store.lock(day);
            if (existing.isPresent() && existing.get().state().equals("RUNNING")
                    && existing.get().startedAt().isAfter(now.minusSeconds(STALE_SECONDS))) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "end_of_day_running",
                        "The end of day " + day + " is being closed already.");
            }
            store.start(day, existing.isPresent(), by, now);
        });
        List<Step> steps = List.of(
                step(1, "LEDGER", () -> ledger(day)),
                step(2, "STATISTICS", () -> statistics(day)),
                step(3, "SETTLEMENT", () -> settlement(day)),
                step(4, "RECONCILIATION", () -> reconciliation(day)));
        Status overall = steps.stream().map(Step::status).reduce(Status.OK, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        transaction.executeWithoutResult(status -> {
            steps.forEach(s -> store.step(day, s.number(), s.name(), s.status().name(), String.join("\n", s.lines())));
            store.finish(day, overall.name(), clock.instant());
        });
        log.info("End of day {} closed by {}: {}", day, by, overall);
        return report(day).orElseThrow();
    }

    public Optional<DayReport> report(LocalDate day) {
        return store.report(day).map(this::withSteps);
    }

    /** The latest reports, newest day first. */
    public List<DayReport> recent(int limit) {
        return store.recent(Math.max(1, Math.min(400, limit))).stream().map(this::withSteps).toList();
    }

    private DayReport withSteps(EndOfDayStore.ReportRow r) {
        return new DayReport(r.day(), Status.valueOf(r.state()), r.runs(), r.closedBy(), r.startedAt(),
                r.finishedAt(), store.steps(r.day()).stream().map(s -> new Step(s.number(), s.name(),
                        Status.valueOf(s.status()), List.of(s.summary().split("\n")))).toList());
    }

    /** What a step found, and how it went. */
    private record Outcome(Status status, List<String> lines) {
    }

    private interface StepWork {
        Outcome run();
    }

    private Step step(int number, String name, StepWork work) {
        try {
            Outcome outcome = work.run();
            return new Step(number, name, outcome.status(), outcome.lines());
        } catch (RuntimeException e) {
            log.error("End-of-day step {} failed", name, e);
            return new Step(number, name, Status.FAILED, List.of("The step failed: " + e.getClass().getSimpleName()
                    + (e instanceof ApiProblemException ? " — " + e.getMessage() : "") + "; see the server log."));
        }
    }

    // ---- the steps ----

    private Outcome ledger(LocalDate day) {
        InvariantReport check = ledgerJobs.checkInvariants();
        List<String> lines = new ArrayList<>();
        lines.add(check.violations().isEmpty() ? "Invariants: all hold (balanced, totals, limits, holds)."
                : "Invariants: " + check.violations().size() + " violated; first: " + check.violations().get(0));
        lines.add(check.journal().intact() ? "Journal: every hash chain intact."
                : "Journal: " + check.journal().firstBroken().size() + " chains broken; first: "
                        + check.journal().firstBroken().get(0));
        long[] journal = store.journalOfDay(start(day), start(day.plusDays(1)));
        lines.add("Posted transfers written on the day: " + journal[0] + ", moving " + Yuan.format(journal[1]) + " CNY.");
        store.chainHeadsBefore(start(day.plusDays(1))).forEach(h -> lines.add("Chain " + h.chainId()
                + " head at the end of the day: #" + h.chainSeq() + " " + h.hash()));
        return new Outcome(check.ok() ? Status.OK : Status.FAILED, lines);
    }

    private Outcome statistics(LocalDate day) {
        rollup.fold();
        rollup.snapshotUsers(day);
        List<String> lines = new ArrayList<>();
        Statistics.Volume volume = statistics.volume(Statistics.Period.DAY, day, day);
        for (Statistics.SceneLine scene : volume.scenes()) {
            long count = scene.counts().stream().mapToLong(Long::longValue).sum();
            long fen = scene.amountsFen().stream().mapToLong(Long::longValue).sum();
            if (count != 0 || fen != 0) {
                lines.add(scene.label() + ": " + count + ", " + Yuan.format(fen) + " CNY");
            }
        }
        if (lines.isEmpty()) {
            lines.add("No payments, transfers, top-ups or withdrawals on the day.");
        }
        Statistics.MoneyFlows money = statistics.money(day, day);
        lines.add("Fee income: " + Yuan.format(money.feeIncomeFen().stream().mapToLong(Long::longValue).sum()) + " CNY");
        lines.add("Active users: " + statistics.activeUsers(day));
        return new Outcome(Status.OK, lines);
    }

    private Outcome settlement(LocalDate day) {
        settlements.run();
        List<String> lines = new ArrayList<>();
        Status status = Status.OK;
        for (EndOfDayStore.SettlementCount c : store.settlementsTradedThrough(day)) {
            lines.add(c.state() + ": " + c.count() + " settlements, " + Yuan.format(c.amountFen()) + " CNY");
            if (List.of("WAITING", "UNKNOWN", "FAILED", "IN_TRANSIT").contains(c.state())) {
                status = Status.ATTENTION;
            }
        }
        if (lines.isEmpty()) {
            lines.add("No settlement covers the day's trades yet.");
        }
        return new Outcome(status, lines);
    }

    private Outcome reconciliation(LocalDate day) {
        List<String> lines = new ArrayList<>();
        Status status = Status.OK;
        for (PartnerBank bank : PartnerBank.values()) {
            try {
                Reconciliation.DayReport r = reconciliation.run(bank, day);
                ReconRun run = r.run();
                long open = r.items().stream().filter(i -> i.state() == ItemState.OPEN).count();
                lines.add(bank + ": " + run.total() + " compared, " + run.matched() + " matched, " + run.differences()
                        + " differences (" + open + " open), " + run.autoResolved() + " settled automatically; in "
                        + Yuan.format(run.bankInFen()) + " / out " + Yuan.format(run.bankOutFen()) + " CNY by the bank");
                if (open > 0 && status == Status.OK) {
                    status = Status.ATTENTION;
                }
            } catch (RuntimeException e) {
                log.error("End-of-day reconciliation of {} for {} failed", bank, day, e);
                lines.add(bank + ": FAILED — " + (e instanceof ApiProblemException ? e.getMessage()
                        : e.getClass().getSimpleName() + "; see the server log."));
                status = Status.FAILED;
            }
        }
        return new Outcome(status, lines);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CST));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(CST).toInstant();
    }
}
