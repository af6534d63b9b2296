package io.lingqian.bench.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The crash test's driver. Starts Lingqian (the demo profile: seeded wallet users, merchant and
 * staff) on the database it is given, gives the demo merchant API credentials through the portal,
 * then runs the {@link Workload} in a few threads while killing the server with SIGKILL at random
 * moments and restarting it. Afterwards it moves the clock a day on (the admin clock endpoint) and
 * checks durability, single application, notifications, expiries and the ledger's own checks.
 *
 * <p>Options: {@code --jar PATH --jdbc URL --port N --work DIR [--crashes 20] [--workers 3] [--seed N]}.
 * Exit status 0 when there are no violations, 1 otherwise.
 */
public final class CrashTest {

    private static final String PASSWORD = "crash-Test-2026";
    private static final String MERCHANT_EMAIL = "demo@merchant.lingqian.test";
    private static final String MCHID = "1900000001";
    private static final String PAYER_MOBILE = "13800000001";
    private static final String RECEIVER_MOBILE = "13800000002";
    private static final long ONE_DAY_AND_AN_HOUR = 25 * 3600;

    private final Map<String, String> options;
    private final String baseUrl;
    private final Violations violations = new Violations();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RetryingClient client = new RetryingClient(http, violations);
    private final Random random;
    private ServerProcess server;
    private int crashes;
    private final List<Duration> restarts = new ArrayList<>();

    private CrashTest(Map<String, String> options) {
        this.options = options;
        this.baseUrl = "http://127.0.0.1:" + option("port");
        this.random = new Random(Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime() % 100_000))));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        options.putIfAbsent("seed", Long.toString(Math.floorMod(System.nanoTime(), 100_000L)));
        System.exit(new CrashTest(options).run());
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private int run() throws Exception {
        Path work = Path.of(option("work"));
        Files.createDirectories(work);
        int wantedCrashes = Integer.parseInt(options.getOrDefault("crashes", "20"));
        int workers = Integer.parseInt(options.getOrDefault("workers", "3"));
        String seed = options.get("seed");
        System.out.println("crash test: seed " + seed + ", " + wantedCrashes + " crashes, " + workers + " workers, server log "
                + work.resolve("server.log"));

        try (NotificationSink sink = new NotificationSink(violations)) {
            server = new ServerProcess(Path.of(option("jar")), List.of(
                    "--server.port=" + option("port"),
                    "--spring.profiles.active=demo",
                    "--spring.datasource.url=" + option("jdbc"),
                    "--spring.datasource.username=postgres",
                    "--lingqian.demo.password=" + PASSWORD,
                    "--lingqian.demo.directory=" + work.resolve("demo"),
                    "--lingqian.crypto.key-file=" + work.resolve("keys/field-encryption.properties"),
                    "--lingqian.notification.allowed-hosts=127.0.0.1",
                    "--lingqian.notification.interval=1s",
                    "--lingqian.social.job-interval=2s"), work.resolve("server.log"), baseUrl);
            Duration first = server.start();
            System.out.println("server up in " + first.toSeconds() + " s (pid " + server.pid() + "), seeding");

            merchantApi = merchantCredentials();
            MerchantApi merchant = merchantApi;
            sink.decryptWith(merchant);
            Workload.Wallet payer = signIn(PAYER_MOBILE, "crash-payer-device");
            Workload.Wallet receiver = signIn(RECEIVER_MOBILE, "crash-receiver-device");
            long pendingForPayer = settleWhatTheSeedLeftOpen(payer, receiver);
            long payerBefore = balance(payer);
            long receiverBefore = balance(receiver);
            String appid = demoAppid(work.resolve("demo"));
            long setupAcknowledged = client.acknowledged();
            Workload load = new Workload(baseUrl, client, merchant, appid, sink.url(), payer, receiver, violations, seed);

            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Random own = new Random(random.nextLong());
                Thread t = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            load.step(own);
                        }
                    } catch (RuntimeException e) {
                        violations.add("driver", Thread.currentThread().getName() + " stopped: " + e.getMessage());
                    }
                }, "crash-worker-" + w);
                t.start();
                threads.add(t);
            }
            Instant loadStarted = Instant.now();
            while (crashes < wantedCrashes) {
                // A fixed delay would mostly land while the restarted server is still warming up (its
                // first requests take seconds on a busy machine), killing it before anything is done;
                // so each crash waits for a random amount of progress, then a random moment more.
                awaitAcknowledgements(3 + random.nextInt(15));
                Thread.sleep(random.nextInt(1_500));
                server.kill();
                crashes++;
                Duration up = server.start();
                restarts.add(up);
                System.out.printf("crash %d/%d: SIGKILL, restarted in %d s; %d acknowledged, %d retried so far%n",
                        crashes, wantedCrashes, up.toSeconds(), client.acknowledged(), client.retried());
            }
            Thread.sleep(5_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            Duration loadTime = Duration.between(loadStarted, Instant.now());
            long loadAcknowledged = client.acknowledged() - setupAcknowledged;
            long loadRetried = client.retried();

            ledgerChecks("after the crashes");
            Instant clock = advanceClock(ONE_DAY_AND_AN_HOUR);
            System.out.println("clock moved to " + clock + "; waiting for expiries and notifications");
            awaitQuiet(load, sink, payer);
            check(load, sink, payer, receiver, payerBefore, receiverBefore, pendingForPayer);
            ledgerChecks("after the expiries");

            long paid = load.orders.stream().filter(o -> o.paid).count();
            long refunds = load.orders.stream().filter(o -> o.refundAcknowledged).count();
            System.out.println();
            System.out.println("=== crash test, seed " + seed + " ===");
            System.out.printf("load time           %d s%n", loadTime.toSeconds());
            System.out.printf("crashes (SIGKILL)   %d, restart median %d s%n", crashes,
                    restarts.stream().sorted().toList().get(restarts.size() / 2).toSeconds());
            System.out.printf("requests acknowledged %d during the load (every one was answered in the end); "
                    + "%d with the set-up and the checks%n", loadAcknowledged, client.acknowledged());
            System.out.printf("requests retried    %d (%d resends), %d answered on retry as already done%n",
                    loadRetried, client.resends(), load.answeredOnRetry.get());
            System.out.printf("orders %d (paid %d), refunds %d, transfers %d (accepted %d), red packets %d (opened %d)%n",
                    load.orders.size(), paid, refunds, load.transfers.size(),
                    load.transfers.stream().filter(s -> s.taken).count(), load.packets.size(),
                    load.packets.stream().filter(s -> s.taken).count());
            System.out.printf("notifications received %d (distinct: %d payments, %d refunds)%n", sink.received(),
                    sink.paidOrders().size(), sink.refunds().size());
            System.out.println("refusals (clear 4xx answers, nothing moved): " + load.refusals);
            System.out.printf("violations          %d%n", violations.count());
            violations.all().forEach(v -> System.out.println("  " + v.kind() + ": " + v.detail()));
            server.stop();
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (server != null) {
                server.stop();
            }
            throw e;
        }
        return violations.count() == 0 ? 0 : 1;
    }

    /** Waits until the server has answered this many more requests (or two minutes passed). */
    private void awaitAcknowledgements(int more) throws InterruptedException {
        long target = client.acknowledged() + more;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (client.acknowledged() < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    // --- setting up -------------------------------------------------------------------------------

    private MerchantApi merchantCredentials() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String apiV3Key = HexFormat.of().formatHex(secret);
        Portal portal = new Portal(baseUrl);
        portal.signIn(MERCHANT_EMAIL, PASSWORD);
        String serial = portal.registerPublicKey(pem);
        portal.setApiV3Key(apiV3Key);
        return new MerchantApi(baseUrl, MCHID, serial, keys.getPrivate(), apiV3Key);
    }

    private Workload.Wallet signIn(String mobile, String deviceId) {
        String body = RetryingClient.JSON.createObjectNode().put("mobile", mobile).put("password", PASSWORD)
                .put("deviceId", deviceId).put("deviceName", "crash test").toString();
        RetryingClient.Answer answer = client.send("sign in " + mobile, () -> json("POST", "/api/wallet/sessions", body, null));
        if (!answer.ok()) {
            throw new IllegalStateException("sign-in of " + mobile + " refused: " + answer.body());
        }
        JsonNode session = answer.json();
        return new Workload.Wallet(session.path("user").path("id").asLong(), session.path("token").asString(), deviceId);
    }

    /**
     * The demo seed leaves a transfer and a group red packet waiting; the receiver takes both, so
     * nothing from before the run changes a balance later. Returns what may still flow back to the
     * payer from the seed (a group packet's unopened shares, refunded when it expires).
     */
    private long settleWhatTheSeedLeftOpen(Workload.Wallet payer, Workload.Wallet receiver) {
        for (JsonNode t : get(receiver, "/api/wallet/transfers")) {
            if (t.path("state").asString().equals("SENT") && t.path("receiverId").asLong() == receiver.userId()) {
                get(receiver, "/api/wallet/transfers/" + t.path("id").asLong() + "/accept", "POST");
            }
        }
        long pending = 0;
        for (JsonNode p : get(payer, "/api/wallet/red-packets").path("sent")) {
            if (p.path("state").asString().equals("OPEN")) {
                get(receiver, "/api/wallet/red-packets/" + p.path("id").asLong() + "/open", "POST");
                get(payer, "/api/wallet/red-packets/" + p.path("id").asLong() + "/open", "POST");
                JsonNode after = get(payer, "/api/wallet/red-packets/" + p.path("id").asLong());
                if (after.path("state").asString().equals("OPEN")) {
                    pending += after.path("totalFen").asLong() - after.path("openedFen").asLong();
                }
            }
        }
        return pending;
    }

    private static String demoAppid(Path demoDirectory) throws IOException {
        Pattern appid = Pattern.compile("\\b(wx[0-9a-f]{8,32}) / ");
        try (Stream<Path> files = Files.list(demoDirectory)) {
            for (Path file : files.toList()) {
                Matcher m = appid.matcher(Files.readString(file));
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("no demo appid in " + demoDirectory);
    }

    // --- after the crashes ------------------------------------------------------------------------

    private void ledgerChecks(String when) {
        RetryingClient.Answer report = client.send("ledger checks", () -> json("POST", "/admin/api/ledger/checks", "{}", admin()));
        JsonNode r = report.json();
        // the report's own intact() is not a record component, so it is not in the JSON
        boolean intact = r.path("journal").path("firstBroken").isArray() && r.path("journal").path("firstBroken").isEmpty();
        int broken = r.path("violations").size();
        System.out.printf("ledger checks %s: %d accounts, %d transfers, %d journal rows re-hashed, %d violations, hash chain %s%n",
                when, r.path("accountsChecked").asLong(), r.path("transfersChecked").asLong(),
                r.path("journal").path("rowsVerified").asLong(), broken, intact ? "intact" : "BROKEN");
        if (!report.ok() || broken > 0 || !intact) {
            violations.add("ledger", when + ": " + RetryingClient.abbreviate(report.body()));
        }
    }

    private Instant advanceClock(long seconds) {
        RetryingClient.Answer answer = client.send("clock", () -> json("POST", "/admin/api/clock/advance",
                "{\"seconds\": " + seconds + "}", admin()));
        if (!answer.ok()) {
            throw new IllegalStateException("the clock endpoint refused: " + answer.body());
        }
        return Instant.parse(answer.json().path("instant").asString());
    }

    /** Waits (at most five minutes) until the jobs expired what was left and delivered every notification. */
    private void awaitQuiet(Workload load, NotificationSink sink, Workload.Wallet payer) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            boolean transfersLeft = load.transfers.stream().filter(t -> !t.taken)
                    .anyMatch(t -> get(payer, "/api/wallet/transfers/" + t.id).path("state").asString().equals("SENT"));
            boolean packetsLeft = load.packets.stream().filter(p -> !p.taken)
                    .anyMatch(p -> get(payer, "/api/wallet/red-packets/" + p.id).path("state").asString().equals("OPEN"));
            boolean notificationsLeft = !sink.paidOrders().containsAll(
                    load.orders.stream().filter(o -> o.paid).map(o -> o.outTradeNo).toList())
                    || !sink.refunds().containsAll(load.orders.stream().filter(o -> o.refundAcknowledged)
                    .map(o -> o.refundNo).toList());
            if (!transfersLeft && !packetsLeft && !notificationsLeft) {
                // The social job marks a transfer EXPIRED; the ledger's sweeper (every 5 s) voids its
                // hold, which is when the money is back: give it two rounds before the balances are read.
                Thread.sleep(12_000);
                return;
            }
            Thread.sleep(2_000);
        }
    }

    private void check(Workload load, NotificationSink sink, Workload.Wallet payer, Workload.Wallet receiver,
                       long payerBefore, long receiverBefore, long pendingForPayer) {
        long payerExpected = payerBefore;
        long receiverExpected = receiverBefore;

        for (Workload.Order order : load.orders) {
            JsonNode o = merchantGet("/v3/pay/transactions/out-trade-no/" + order.outTradeNo + "?mchid=" + MCHID);
            String state = o.path("trade_state").asString();
            boolean paidThere = state.equals("SUCCESS") || state.equals("REFUND");
            if (order.paid != paidThere) {
                violations.add(order.paid ? "lost" : "applied", "order " + order.outTradeNo + " acknowledged "
                        + (order.paid ? "paid" : "unpaid") + " but is " + state);
            }
            if (order.paid) {
                payerExpected -= order.amountFen;
                if (!sink.paidOrders().contains(order.outTradeNo)) {
                    violations.add("notification", "no payment notification for " + order.outTradeNo);
                }
            }
            if (order.refundAcknowledged) {
                JsonNode r = merchantGet("/v3/refund/domestic/refunds/" + order.refundNo);
                String status = r.path("status").asString();
                long refunded = r.path("amount").path("refund").asLong();
                if (!status.equals("SUCCESS") || refunded != order.refundFen) {
                    violations.add("lost", "refund " + order.refundNo + " of " + order.refundFen + " acknowledged, but it is "
                            + status + " for " + refunded);
                } else {
                    payerExpected += order.refundFen;
                }
                if (!sink.refunds().contains(order.refundNo)) {
                    violations.add("notification", "no refund notification for " + order.refundNo);
                }
            }
        }

        Map<String, Integer> transfersByKey = new HashMap<>();
        for (JsonNode t : get(payer, "/api/wallet/transfers")) {
            transfersByKey.merge(t.path("clientRequestId").asString(""), 1, Integer::sum);
        }
        for (Workload.Sent t : load.transfers) {
            JsonNode now = get(payer, "/api/wallet/transfers/" + t.id);
            String state = now.path("state").asString();
            String expected = t.taken ? "ACCEPTED" : "EXPIRED";
            if (!state.equals(expected)) {
                violations.add(t.taken ? "lost" : "expiry", "transfer " + t.clientRequestId + " should be " + expected + " but is " + state);
            }
            if (transfersByKey.getOrDefault(t.clientRequestId, 0) != 1) {
                violations.add("applied", "transfer key " + t.clientRequestId + " made " + transfersByKey.get(t.clientRequestId) + " transfers");
            }
            payerExpected -= t.amountFen;
            if (state.equals("ACCEPTED")) {
                receiverExpected += t.amountFen;
            } else if (state.equals("EXPIRED")) {
                payerExpected += t.amountFen;
            }
        }

        Map<String, Integer> packetsByKey = new HashMap<>();
        for (JsonNode p : get(payer, "/api/wallet/red-packets").path("sent")) {
            packetsByKey.merge(p.path("clientRequestId").asString(""), 1, Integer::sum);
        }
        for (Workload.Sent p : load.packets) {
            JsonNode now = get(payer, "/api/wallet/red-packets/" + p.id);
            String state = now.path("state").asString();
            String expected = p.taken ? "FINISHED" : "EXPIRED";
            if (!state.equals(expected)) {
                violations.add(p.taken ? "lost" : "expiry", "red packet " + p.clientRequestId + " should be " + expected + " but is " + state);
            }
            if (packetsByKey.getOrDefault(p.clientRequestId, 0) != 1) {
                violations.add("applied", "red packet key " + p.clientRequestId + " made " + packetsByKey.get(p.clientRequestId) + " packets");
            }
            payerExpected -= p.amountFen;
            receiverExpected += now.path("openedFen").asLong();
            payerExpected += now.path("refundedFen").asLong();
        }
        payerExpected += pendingForPayer;

        long payerNow = balance(payer);
        long receiverNow = balance(receiver);
        System.out.printf("balances: payer %d fen (expected %d), receiver %d fen (expected %d)%n", payerNow, payerExpected,
                receiverNow, receiverExpected);
        if (payerNow != payerExpected) {
            violations.add("balance", "payer has " + payerNow + " fen, the acknowledged requests say " + payerExpected);
        }
        if (receiverNow != receiverExpected) {
            violations.add("balance", "receiver has " + receiverNow + " fen, the acknowledged requests say " + receiverExpected);
        }
    }

    // --- HTTP helpers -----------------------------------------------------------------------------

    private MerchantApi merchantApi;

    private JsonNode merchantGet(String path) {
        return client.send("GET " + path, () -> merchantApi.request("GET", path, null)).json();
    }

    private long balance(Workload.Wallet who) {
        return get(who, "/api/wallet/me").path("balanceFen").asLong();
    }

    private JsonNode get(Workload.Wallet who, String path) {
        return get(who, path, "GET");
    }

    private JsonNode get(Workload.Wallet who, String path, String method) {
        return client.send(method + " " + path, () -> json(method, path, method.equals("GET") ? null : "{}",
                "Bearer " + who.token())).json();
    }

    private String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest json(String method, String path, String body, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
