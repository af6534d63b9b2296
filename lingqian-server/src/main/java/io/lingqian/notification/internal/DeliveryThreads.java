package io.lingqian.notification.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.lingqian.notification.NotificationProperties;

/**
 * The threads that send notifications ({@code lingqian.notification.delivery-threads}), so that one
 * merchant's slow endpoint holds up one thread rather than every notification behind it. The queue
 * is bounded: what does not fit is refused, and the job takes it at its next run. With 0 threads
 * every task runs on the calling thread.
 */
@Component
public class DeliveryThreads implements DisposableBean {

    private final ThreadPoolExecutor pool;

    DeliveryThreads(NotificationProperties settings) {
        if (settings.deliveryThreads() == 0) {
            this.pool = null;
            return;
        }
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.deliveryThreads(), settings.deliveryThreads(), 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.deliveryQueue()), task -> {
                    Thread thread = new Thread(task, "notification-delivery-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the task on a delivery thread, or on this one with 0 threads.
     *
     * @return false when the queue is full and the task was not taken
     */
    public boolean offer(Runnable task) {
        if (pool == null) {
            task.run();
            return true;
        }
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Runs every task, on the delivery threads where they have room and here otherwise, and waits for all. */
    public void runAll(List<Runnable> tasks) {
        if (pool == null) {
            tasks.forEach(Runnable::run);
            return;
        }
        List<CompletableFuture<Void>> running = tasks.stream().map(task -> {
            try {
                return CompletableFuture.runAsync(task, pool);
            } catch (RejectedExecutionException full) {
                task.run();
                return CompletableFuture.<Void>completedFuture(null);
            }
        }).toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
