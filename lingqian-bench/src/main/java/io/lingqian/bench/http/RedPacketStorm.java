package io.lingqian.bench.http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * The red packet grab storm: one group of all the run's users; for each packet a member sends a
 * lucky packet of {@code shares} shares to the group (not measured), then every member opens it at
 * once through {@code POST /api/wallet/red-packets/{id}/open} (measured: from the first request out
 * to the last answer in), over {@code lanes} connections: {@code lanes} opens are in flight at all
 * times until every member has asked, as the {@code /ping} ceiling is measured (64 by default), so
 * that an open's latency is the server's time for it under the same load as the anchor's. With
 * {@code lanes} at least the number of members, all are sent at the same instant and an open's
 * latency includes its wait behind the others in the server's queues. Afterwards it checks that
 * nothing was overpaid: per packet the shares add up to what the server says was opened, never more
 * than sent, never more shares than made, and every member's balance grew by exactly the shares the
 * answers gave them.
 */
final class RedPacketStorm {

    record Result(long opens, long shares, double seconds, Latencies latencies, long errors, String check) {
    }

    private RedPacketStorm() {
    }

    static Result run(Api api, Population people, int packets, int warmupPackets, int shares, int lanes)
            throws Exception {
        List<Population.User> members = people.everybody();
        Population.User owner = people.payers.get(0);
        List<Long> memberIds = new ArrayList<>();
        for (Population.User m : members) {
            if (m != owner) {
                api.post("/api/wallet/contacts", owner.token(), Map.of("mobile", m.mobile()));
                memberIds.add(m.id());
            }
        }
        long groupId = api.post("/api/wallet/groups", owner.token(),
                Map.of("name", "Bench storm", "memberIds", memberIds)).get("id").asLong();
        Map<Long, Long> before = balances(api, people.plain);

        Latencies latencies = new Latencies(members.size() * (packets + 1));
        long opens = 0;
        long sharesOpened = 0;
        long errors = 0;
        double seconds = 0;
        Map<Long, Long> received = new HashMap<>();
        List<long[]> sent = new ArrayList<>(); // {packet id, total fen, sender index}
        for (int k = 0; k < warmupPackets + packets; k++) {
            boolean measured = k >= warmupPackets;
            int senderIndex = k % people.payers.size();
            Population.User sender = people.payers.get(senderIndex);
            long total = 2L * shares;
            long packetId = api.post("/api/wallet/red-packets", sender.token(), Map.of("kind", "LUCKY",
                    "groupId", groupId, "amountFen", total, "shares", shares, "greeting", "恭喜发财",
                    "clientRequestId", "bench-" + System.nanoTime() + "-" + k,
                    "paymentPassword", sender.paymentPassword())).get("id").asLong();
            sent.add(new long[]{packetId, total, senderIndex});
            List<Population.User> order = new ArrayList<>(members);
            Collections.shuffle(order);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(order.size());
            for (int i = 0; i < order.size(); i++) {
                answers.add(new CompletableFuture<>());
            }
            AtomicInteger next = new AtomicInteger();
            AtomicLong last = new AtomicLong();
            long start = System.nanoTime();
            for (int lane = 0; lane < Math.min(lanes, order.size()); lane++) {
                openNext(api, packetId, order, answers, next, last, measured ? latencies : null);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            for (int i = 0; i < order.size(); i++) {
                HttpResponse<String> r = answers.get(i).exceptionally(e -> null).join();
                if (r != null && r.statusCode() == 200) {
                    long fen = Api.JSON.readTree(r.body()).get("amountFen").asLong();
                    received.merge(order.get(i).id(), fen, Long::sum);
                    if (measured) {
                        sharesOpened++;
                    }
                } else if (r == null || !(r.body().contains("all_taken") || r.body().contains("already_opened"))) {
                    errors++;
                }
            }
            if (measured) {
                opens += order.size();
                seconds += (last.get() - start) / 1e9;
            }
        }
        return new Result(opens, sharesOpened, seconds, latencies, errors, check(api, people, sent, received, before));
    }

    /** One lane: the next member in the order opens; when the answer is in, the lane goes on with the next. */
    private static void openNext(Api api, long packetId, List<Population.User> order,
            List<CompletableFuture<HttpResponse<String>>> answers, AtomicInteger next, AtomicLong last,
            Latencies latencies) {
        int at = next.getAndIncrement();
        if (at >= order.size()) {
            return;
        }
        long started = System.nanoTime();
        api.send(api.json("/api/wallet/red-packets/" + packetId + "/open", order.get(at).token(), null).build())
                .whenComplete((r, e) -> {
                    long now = System.nanoTime();
                    last.accumulateAndGet(now, Math::max);
                    if (latencies != null) {
                        latencies.record(now - started);
                    }
                    if (e != null) {
                        answers.get(at).completeExceptionally(e);
                    } else {
                        answers.get(at).complete(r);
                    }
                    openNext(api, packetId, order, answers, next, last, latencies);
                });
    }

    private static String check(Api api, Population people, List<long[]> sent, Map<Long, Long> received,
            Map<Long, Long> before) {
        long answered = received.values().stream().mapToLong(Long::longValue).sum();
        long opened = 0;
        for (long[] p : sent) {
            JsonNode packet = api.get("/api/wallet/red-packets/" + p[0], people.payers.get((int) p[2]).token());
            long sum = 0;
            for (JsonNode share : packet.get("opened")) {
                sum += share.get("amountFen").asLong();
            }
            if (sum != packet.get("openedFen").asLong() || sum > p[1]
                    || packet.get("openedCount").asInt() > packet.get("shares").asInt()) {
                return "OVERPAID_packet_" + p[0];
            }
            opened += sum;
        }
        if (opened != answered) {
            return "MISMATCH_opened_" + opened + "_answered_" + answered;
        }
        Map<Long, Long> after = balances(api, people.plain);
        for (Population.User u : people.plain) {
            long gained = after.get(u.id()) - before.get(u.id());
            if (gained != received.getOrDefault(u.id(), 0L)) {
                return "BALANCE_MISMATCH_user_" + u.id();
            }
        }
        return "ok";
    }

    private static Map<Long, Long> balances(Api api, List<Population.User> users) {
        Map<Long, Long> balances = new HashMap<>();
        for (Population.User u : users) {
            balances.put(u.id(), api.get("/api/wallet/me", u.token()).get("balanceFen").asLong());
        }
        return balances;
    }
}
