package io.lingqian.operations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.reconciliation.ReconRun;
import io.lingqian.reconciliation.Reconciliation;

import jakarta.annotation.PreDestroy;

/**
 * Starts reconciliations for the console and tells how far they are. A large day takes a while, so
 * the run goes to a background thread and the page polls {@link #progress}: the compared/total
 * count comes from the run's stored row ({@code recon_run.processed/total}), which
 * {@link Reconciliation#run} updates as it goes; what happens before that row exists (importing the
 * statement from the bank) shows as "preparing". A refusal (the day is not over, a run is going on)
 * or a failure is kept with its message until the next start. Starting a day that is running here
 * answers its progress and starts nothing.
 */
@Service
public class ReconciliationRuns {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRuns.class);

    public enum Phase { PREPARING, RUNNING, DONE, FAILED, NOT_RUN }

    /** Where a bank's day stands, for the progress bar. */
    public record Progress(PartnerBank bank, LocalDate day, Phase phase, int processed, int total, String message) {

        public int percent() {
            return switch (phase) {
                case DONE -> 100;
                case RUNNING -> total == 0 ? 0 : Math.min(100, processed * 100 / total);
                default -> 0;
            };
        }

        public boolean going() {
            return phase == Phase.PREPARING || phase == Phase.RUNNING;
        }
    }

    /** A start from this instance: going until the run returns or fails. */
    private record Attempt(Instant startedAt, Phase phase, String message) {
    }

    private final Reconciliation reconciliation;
    private final Clock clock;
    private final ExecutorService background;
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    ReconciliationRuns(Reconciliation reconciliation, Clock clock, OperationsProperties properties) {
        this.reconciliation = reconciliation;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // Not a Spring Executor bean: one would make Boot drop its own application task executor.
        this.background = properties.backgroundRuns() ? Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "reconciliation-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @PreDestroy
    void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    /** Starts the day's reconciliation (in the background when so configured) and answers its progress. */
    public Progress start(PartnerBank bank, LocalDate day) {
        String key = key(bank, day);
        Attempt fresh = new Attempt(clock.instant(), Phase.PREPARING, null);
        Attempt current = attempts.compute(key, (k, old) -> old != null && old.phase() == Phase.PREPARING ? old : fresh);
        if (current != fresh) {
            return progress(bank, day);
        }
        Runnable work = () -> {
            try {
                reconciliation.run(bank, day);
                attempts.put(key, new Attempt(fresh.startedAt(), Phase.DONE, null));
            } catch (ApiProblemException refused) {
                attempts.put(key, new Attempt(fresh.startedAt(), Phase.FAILED, refused.getMessage()));
            } catch (RuntimeException e) {
                log.error("Reconciliation of {} for {} failed", bank, day, e);
                attempts.put(key, new Attempt(fresh.startedAt(), Phase.FAILED,
                        "The run failed (" + e.getClass().getSimpleName() + "); see the server log."));
            }
        };
        if (background == null) {
            work.run();
        } else {
            background.execute(work);
        }
        return progress(bank, day);
    }

    /** How far the day's reconciliation is, from this instance's start and the stored run. */
    public Progress progress(PartnerBank bank, LocalDate day) {
        Optional<ReconRun> run = Optional.ofNullable(reconciliation.report(bank, day).run());
        Attempt attempt = attempts.get(key(bank, day));
        if (attempt != null && attempt.phase() == Phase.FAILED) {
            return new Progress(bank, day, Phase.FAILED, 0, 0, attempt.message());
        }
        if (attempt != null && attempt.phase() == Phase.PREPARING) {
            // The stored row belongs to this start once it was (re)started after it.
            return run.filter(r -> r.state().equals("RUNNING") && !r.startedAt().isBefore(attempt.startedAt()))
                    .map(r -> new Progress(bank, day, Phase.RUNNING, r.processed(), r.total(), null))
                    .orElse(new Progress(bank, day, Phase.PREPARING, 0, 0, "Importing the statement"));
        }
        return run.map(r -> switch (r.state()) {
            case "RUNNING" -> new Progress(bank, day, Phase.RUNNING, r.processed(), r.total(), null);
            case "DONE" -> new Progress(bank, day, Phase.DONE, r.total(), r.total(), null);
            default -> new Progress(bank, day, Phase.FAILED, r.processed(), r.total(), r.message());
        }).orElse(new Progress(bank, day, Phase.NOT_RUN, 0, 0, null));
    }

    private static String key(PartnerBank bank, LocalDate day) {
        return bank.name() + "/" + day;
    }
}
