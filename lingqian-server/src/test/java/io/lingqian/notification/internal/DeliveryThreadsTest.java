package io.lingqian.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.lingqian.notification.NotificationProperties;

/** The delivery threads without the server: sends run beside each other, and a full queue says so. */
class DeliveryThreadsTest {

    private static DeliveryThreads threads(int count, int queue) {
        return new DeliveryThreads(new NotificationProperties(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, List.of(), true, count, queue));
    }

    @Test
    void aJobRunsItsBatchOnSeveralThreadsAndReturnsWhenAllAreDone() throws Exception {
        DeliveryThreads threads = threads(4, 10);
        try {
            // Each task waits for all four to have started: they only finish if they run at the same time.
            CountDownLatch allStarted = new CountDownLatch(4);
            AtomicInteger finished = new AtomicInteger();
            threads.runAll(IntStream.range(0, 4).<Runnable>mapToObj(i -> () -> {
                allStarted.countDown();
                try {
                    if (allStarted.await(30, TimeUnit.SECONDS)) {
                        finished.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).toList());
            assertThat(finished).hasValue(4);
        } finally {
            threads.destroy();
        }
    }

    @Test
    void aFullQueueRefusesAHandOffAndTheJobsBatchRunsOnTheCallerInstead() throws Exception {
        DeliveryThreads threads = threads(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Runnable blocking = () -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            assertThat(threads.offer(blocking)).as("taken by the one thread").isTrue();
            assertThat(threads.offer(blocking)).as("waits in the queue of one").isTrue();
            assertThat(threads.offer(() -> { })).as("no room left").isFalse();

            Thread caller = Thread.currentThread();
            AtomicInteger ranHere = new AtomicInteger();
            threads.runAll(List.of(() -> {
                if (Thread.currentThread() == caller) {
                    ranHere.incrementAndGet();
                }
            }));
            assertThat(ranHere).hasValue(1);
        } finally {
            release.countDown();
            threads.destroy();
        }
    }

    @Test
    void withNoThreadsEveryTaskRunsOnTheCallingThread() {
        DeliveryThreads threads = threads(0, 1);
        Thread caller = Thread.currentThread();
        AtomicInteger ranHere = new AtomicInteger();
        Runnable task = () -> {
            if (Thread.currentThread() == caller) {
                ranHere.incrementAndGet();
            }
        };
        assertThat(threads.offer(task)).isTrue();
        threads.runAll(List.of(task, task));
        assertThat(ranHere).hasValue(3);
    }
}
