package io.lingqian.bench.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A closed-loop load: {@code lanes} operations in flight at all times, each lane starting its next
 * operation when the previous one answers. Operations that answer inside the measured window count;
 * the warm-up before it does not.
 */
final class ClosedLoop {

    /** One operation: completes with whether it succeeded. {@code null} from the supplier ends that lane. */
    interface Operation extends Supplier<CompletableFuture<Boolean>> {
    }

    record Result(double seconds, long ok, long failed, Latencies latencies) {

        double perSecond() {
            return ok / seconds;
        }
    }

    private ClosedLoop() {
    }

    static Result run(int lanes, double warmupSeconds, double seconds, Operation operation) throws InterruptedException {
        Latencies latencies = new Latencies(4_000_000);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean(warmupSeconds <= 0);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch idle = new CountDownLatch(lanes);
        for (int i = 0; i < lanes; i++) {
            next(operation, latencies, ok, failed, measuring, stop, idle);
        }
        if (warmupSeconds > 0) {
            Thread.sleep((long) (warmupSeconds * 1000));
            measuring.set(true);
        }
        long start = System.nanoTime();
        boolean exhausted = idle.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        measuring.set(false);
        stop.set(true);
        if (!exhausted) {
            idle.await(120, TimeUnit.SECONDS);
        }
        return new Result(elapsed, ok.sum(), failed.sum(), latencies);
    }

    private static void next(Operation operation, Latencies latencies, LongAdder ok, LongAdder failed,
            AtomicBoolean measuring, AtomicBoolean stop, CountDownLatch idle) {
        if (stop.get()) {
            idle.countDown();
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<Boolean> op = operation.get();
        if (op == null) {
            idle.countDown();
            return;
        }
        op.whenComplete((success, error) -> {
            if (measuring.get()) {
                if (error == null && Boolean.TRUE.equals(success)) {
                    ok.increment();
                    latencies.record(System.nanoTime() - start);
                } else {
                    failed.increment();
                }
            }
            next(operation, latencies, ok, failed, measuring, stop, idle);
        });
    }
}
