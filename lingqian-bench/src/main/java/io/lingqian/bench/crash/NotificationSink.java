package io.lingqian.bench.crash;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * The merchant's notify_url: a local HTTP endpoint that decrypts each payment and refund
 * notification and remembers which orders and refunds it heard about (at least once is the promise,
 * so repeats are counted but harmless).
 */
final class NotificationSink implements AutoCloseable {

    private final HttpServer server;
    private volatile MerchantApi merchant;
    private final Set<String> paidOrders = ConcurrentHashMap.newKeySet();
    private final Set<String> refunds = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final Violations violations;

    NotificationSink(Violations violations) throws IOException {
        this.violations = violations;
        // the JDK server answers ~40 ms late on loopback without nodelay (tools/README.md)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/notify", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    void decryptWith(MerchantApi merchant) {
        this.merchant = merchant;
    }

    Set<String> paidOrders() {
        return paidOrders;
    }

    Set<String> refunds() {
        return refunds;
    }

    long received() {
        return received.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.incrementAndGet();
            try {
                JsonNode resource = RetryingClient.JSON.readTree(body).path("resource");
                JsonNode plain = RetryingClient.JSON.readTree(merchant.decrypt(resource.path("associated_data").asString(null),
                        resource.path("nonce").asString(), resource.path("ciphertext").asString()));
                if (plain.hasNonNull("out_refund_no")) {
                    if ("SUCCESS".equals(plain.path("refund_status").asString())) {
                        refunds.add(plain.path("out_refund_no").asString());
                    }
                } else if ("SUCCESS".equals(plain.path("trade_state").asString())) {
                    paidOrders.add(plain.path("out_trade_no").asString());
                }
            } catch (RuntimeException unreadable) {
                violations.add("notification", "unreadable notification: " + unreadable.getMessage());
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
