package io.lingqian.bench.http;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Merchant payments end to end: a merchant places a Native order ({@code POST /v3/pay/transactions/native},
 * signed before the timed window starts), a user scans its code_url and pays it from the balance
 * through the wallet API (password-free), and the platform delivers the signed, encrypted
 * {@code TRANSACTION.SUCCESS} notification to the merchant's endpoint in this process. A payment is
 * complete when its notification has arrived. Each payer pays at most ten times (the password-free
 * count of a day), so the number of payments is at most ten per payer.
 */
final class MerchantPayments {

    record Result(long completed, double seconds, Latencies pay, Latencies endToEnd, long refused, String firstRefusal) {
    }

    private record Order(Population.User payer, HttpRequest request, String outTradeNo) {
    }

    private MerchantPayments() {
    }

    static Result run(Api api, Population people, int lanes, double seconds, int paymentsPerPayer) throws Exception {
        Map<String, Long> started = new ConcurrentHashMap<>();
        Latencies endToEnd = new Latencies(1_000_000);
        AtomicLong completed = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong();
        Map<String, String> keys = new HashMap<>();
        people.merchants.forEach(m -> keys.put(m.mchid(), m.apiV3Key()));
        try (NotificationReceiver receiver = new NotificationReceiver(keys, (outTradeNo, state) -> {
            Long start = started.remove(outTradeNo);
            if (start != null && "SUCCESS".equals(state)) {
                long now = System.nanoTime();
                endToEnd.record(now - start);
                completed.incrementAndGet();
                lastCompletion.accumulateAndGet(now, Math::max);
            }
        })) {
            List<Order> orders = presign(api, people, receiver, paymentsPerPayer);
            AtomicInteger next = new AtomicInteger();
            Latencies pay = new Latencies(1_000_000);
            AtomicLong refused = new AtomicLong();
            Map<String, String> firstRefusal = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            ClosedLoop.run(lanes, 0, seconds, () -> {
                int i = next.getAndIncrement();
                if (i >= orders.size()) {
                    return null;
                }
                Order o = orders.get(i);
                started.put(o.outTradeNo(), System.nanoTime());
                return api.send(o.request()).thenCompose(placed -> {
                    String codeUrl = Api.ok(placed, "native order").get("code_url").asString();
                    return api.send(api.json("/api/wallet/cashier/scan", o.payer().token(), Map.of("codeUrl", codeUrl))
                            .build());
                }).thenCompose(scanned -> {
                    String prepayId = Api.ok(scanned, "scan").get("prepayId").asString();
                    long payStart = System.nanoTime();
                    return api.send(api.json("/api/wallet/cashier/orders/" + prepayId + "/pay", o.payer().token(), null)
                            .build()).thenApply(paid -> {
                                if (paid.statusCode() == 200) {
                                    pay.record(System.nanoTime() - payStart);
                                    return true;
                                }
                                started.remove(o.outTradeNo());
                                refused.incrementAndGet();
                                firstRefusal.putIfAbsent("first", paid.statusCode() + " " + paid.body());
                                return false;
                            });
                }).exceptionally(e -> {
                    started.remove(o.outTradeNo());
                    refused.incrementAndGet();
                    firstRefusal.putIfAbsent("first", String.valueOf(e.getCause() == null ? e : e.getCause()));
                    return false;
                });
            });
            // The notifications of the last payments are still on their way: wait for them (at most a minute).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!started.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double elapsed = (Math.max(lastCompletion.get(), start) - start) / 1e9;
            return new Result(completed.get(), elapsed, pay, endToEnd, refused.get(),
                    firstRefusal.getOrDefault("first", "none"));
        }
    }

    /** Every order request, signed by its merchant now, before anything is timed. */
    private static List<Order> presign(Api api, Population people, NotificationReceiver receiver, int perPayer) {
        List<V3Signer> signers = people.merchants.stream().map(V3Signer::new).toList();
        int count = people.payers.size() * perPayer;
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<Order> orders = new ArrayList<>(IntStream.range(0, count).parallel().mapToObj(i -> {
            Population.Merchant m = people.merchants.get(i % people.merchants.size());
            String outTradeNo = "p" + run + "x" + i;
            String body = Api.JSON.writeValueAsString(Map.of("appid", m.appid(), "mchid", m.mchid(),
                    "description", "Bench coffee", "out_trade_no", outTradeNo, "notify_url", receiver.url(m.mchid()),
                    "amount", Map.of("total", 100, "currency", "CNY")));
            String path = "/v3/pay/transactions/native";
            HttpRequest request = api.request(path).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", signers.get(i % signers.size()).authorization("POST", path, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            // payers take turns, so that one payer's payments are spread over the run
            return new Order(people.payers.get(i % people.payers.size()), request, outTradeNo);
        }).toList());
        return orders;
    }
}
