package io.lingqian.api.v3;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's {@code notify_url} for tests: a JDK HttpServer on loopback that records every
 * notification that arrives and answers with the statuses a test scripts ({@link #answerWith}), or
 * the default status once the script is used up. Close it after each test.
 */
final class NotifyEndpoint implements AutoCloseable {

    /** A scripted answer: the endpoint stalls (until it is closed) instead of answering. */
    static final int STALL = -1;

    record Received(Headers headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final int defaultStatus;
    private final HttpServer server;

    private NotifyEndpoint(int defaultStatus) throws IOException {
        this.defaultStatus = defaultStatus;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts an endpoint that answers {@code defaultStatus} unless a test scripts otherwise. */
    static NotifyEndpoint start(int defaultStatus) throws IOException {
        return new NotifyEndpoint(defaultStatus);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** What arrived, in order; a live view. */
    List<Received> received() {
        return received;
    }

    /** The next requests are answered with these statuses, in order ({@link #STALL} to stall). */
    void answerWith(Integer... statuses) {
        synchronized (answers) {
            answers.addAll(List.of(statuses));
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        int status;
        synchronized (answers) {
            status = answers.isEmpty() ? defaultStatus : answers.poll();
        }
        if (status == STALL) {
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] body = (status == 200 ? "{\"code\":\"SUCCESS\",\"message\":\"成功\"}" : "{\"code\":\"FAIL\",\"message\":\"失败\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
