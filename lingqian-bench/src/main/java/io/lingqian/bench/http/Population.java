package io.lingqian.bench.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

/**
 * The people and shops of a run. Payers (verified, funded, password-free payments on) come from the
 * server's bench-only seeding ({@code lingqian.bench.seeding=true}), because binding a card takes an
 * SMS round trip per user; everyone else registers through the public wallet API. Everybody signs in
 * through {@code POST /api/wallet/sessions} and holds a bearer token.
 */
final class Population {

    /** A signed-in wallet user. */
    record User(long id, String mobile, String deviceId, String token, String paymentPassword) {
    }

    /** A merchant with its API credentials. */
    record Merchant(String mchid, String appid, String serialNo, String privateKeyPem, String apiV3Key) {
    }

    private static final String PLAIN_PASSWORD = "bench plain battery";

    final List<User> payers;
    final List<User> plain;
    final List<Merchant> merchants;

    private Population(List<User> payers, List<User> plain, List<Merchant> merchants) {
        this.payers = payers;
        this.plain = plain;
        this.merchants = merchants;
    }

    /** The same people with only these merchants. */
    Population withMerchants(List<Merchant> shops) {
        return new Population(payers, plain, shops);
    }

    List<User> everybody() {
        List<User> all = new ArrayList<>(payers);
        all.addAll(plain);
        return all;
    }

    static Population seed(Api api, int payers, int plain, int merchants, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<List<User>>> payerChunks = new ArrayList<>();
            for (int left = payers; left > 0; left -= 5) {
                int n = Math.min(5, left);
                payerChunks.add(pool.submit(() -> {
                    List<User> users = new ArrayList<>();
                    for (JsonNode p : api.post("/bench/seed/payers", null,
                            Map.of("count", n, "balanceFen", 100_000, "passwordFreeLimitFen", 1_000))) {
                        users.add(signIn(api, p.get("userId").asLong(), p.get("mobile").asString(),
                                p.get("loginPassword").asString(), p.get("deviceId").asString(),
                                p.get("paymentPassword").asString()));
                    }
                    return users;
                }));
            }
            List<Future<User>> plainUsers = new ArrayList<>();
            for (int i = 0; i < plain; i++) {
                plainUsers.add(pool.submit(() -> register(api)));
            }
            List<User> seededPayers = new ArrayList<>();
            for (Future<List<User>> f : payerChunks) {
                seededPayers.addAll(f.get());
            }
            List<User> registered = new ArrayList<>();
            for (Future<User> f : plainUsers) {
                registered.add(f.get());
            }
            List<Merchant> shops = new ArrayList<>();
            for (JsonNode m : api.post("/bench/seed/merchants", null, Map.of("count", merchants))) {
                shops.add(new Merchant(m.get("mchid").asString(), m.get("appid").asString(),
                        m.get("serialNo").asString(), m.get("privateKeyPem").asString(), m.get("apiV3Key").asString()));
            }
            return new Population(Collections.unmodifiableList(seededPayers), Collections.unmodifiableList(registered),
                    Collections.unmodifiableList(shops));
        } finally {
            pool.shutdown();
        }
    }

    private static User register(Api api) {
        String mobile = "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        JsonNode user = api.post("/api/wallet/users", null,
                Map.of("mobile", mobile, "displayName", "Grabber " + mobile.substring(7), "password", PLAIN_PASSWORD));
        return signIn(api, user.get("id").asLong(), mobile, PLAIN_PASSWORD,
                "bench-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), null);
    }

    private static User signIn(Api api, long id, String mobile, String password, String deviceId,
            String paymentPassword) {
        JsonNode session = api.post("/api/wallet/sessions", null,
                Map.of("mobile", mobile, "password", password, "deviceId", deviceId, "deviceName", "bench"));
        return new User(id, mobile, deviceId, session.get("token").asString(), paymentPassword);
    }
}
