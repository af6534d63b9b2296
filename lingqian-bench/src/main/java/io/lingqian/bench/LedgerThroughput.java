package io.lingqian.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.GroupCommit;
import io.lingqian.ledger.InvariantReport;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.ledger.jdbc.JdbcLedger;
import org.flywaydb.core.Flyway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Transfers per second through the ledger's batch API, from many concurrent callers, with durable
 * commits. Each caller submits batches of random transfers between no-overdraft wallets, optionally
 * sending a share of them to one hot merchant account.
 *
 * <pre>
 * java -cp … io.lingqian.bench.LedgerThroughput --url jdbc:postgresql://127.0.0.1:5432/bench?user=postgres \
 *      --threads 16 --batch 100 --accounts 10000 --seconds 20 --warmup 5 --hot 0.5
 * </pre>
 * Prints one line of figures: {@code ledger threads=… batch=… hot=… tps=… p50_ms=… p99_ms=… p999_ms=… front=…}.
 * The schema is created in a fresh schema (PostgreSQL) or database (H2) each run.
 *
 * <p>The callers post as concurrent callers without a transaction of their own should: through one
 * {@link GroupCommit} ({@code --front group-commit}, the default, with {@code --writers} writer threads,
 * default 1), which applies whatever batches are queued in one database transaction; the line then ends
 * with {@code writers=… groups=… avg_group=…}. {@code --front direct} has each caller run its batch
 * in its own transaction instead, as before group commit. Latencies are per batch, submission to
 * answer.
 *
 * <p>With {@code --callers N} it measures group commit instead ({@link GroupCommit}): N callers, each
 * with one single transfer outstanding at a time, submit to one group-commit front with
 * {@code --writers} writer threads (default 1). The callers are simulated by completion callbacks on
 * two driver threads rather than by N blocked threads, so that the two cores go to the ledger and
 * not to thread switches. The line then says {@code threads=N batch=1}, its latencies are per
 * transfer (submission to answer), and it ends with {@code mode=group-commit writers=… groups=…
 * avg_group=…}.
 */
public final class LedgerThroughput {

    private static final long WALLET_START_FEN = 1_000_000_00L;
    private static final int CODE_PAYMENT = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        int threads = Integer.parseInt(o.getOrDefault("threads", "16"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "100"));
        int accounts = Integer.parseInt(o.getOrDefault("accounts", "10000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        double hot = Double.parseDouble(o.getOrDefault("hot", "0"));
        if (o.containsKey("callers")) {
            groupCommit(url, Integer.parseInt(o.get("callers")), Integer.parseInt(o.getOrDefault("writers", "1")),
                    accounts, seconds, warmup, hot);
            return;
        }

        String front = o.getOrDefault("front", "group-commit");
        if (!front.equals("group-commit") && !front.equals("direct")) {
            throw new IllegalArgumentException("--front is group-commit or direct, was " + front);
        }
        boolean grouped = front.equals("group-commit");
        int writers = Integer.parseInt(o.getOrDefault("writers", "1"));
        try (HikariDataSource ds = dataSource(url, grouped ? writers : threads);
             GroupCommit group = grouped ? new GroupCommit(new JdbcLedger(ds, Clock.systemUTC()), writers,
                     Ledger.MAX_BATCH, GroupCommit.DEFAULT_QUEUE_CAPACITY) : null) {
            Ledger ledger = grouped ? group : new JdbcLedger(ds, Clock.systemUTC());
            long first = setUp(ledger, accounts);
            long hotAccount = first + accounts;
            LongAdder transfers = new LongAdder();
            LongAdder refused = new LongAdder();
            List<long[]> latencies = new ArrayList<>();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                long[] lat = new long[200_000]; // batch latencies; the last slot holds the count
                latencies.add(lat);
                new Thread(() -> {
                    int n = 0;
                    int recorded = 0;
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    try {
                        while (!stop.get()) {
                            List<TransferRequest> requests = new ArrayList<>(batch);
                            for (int i = 0; i < batch; i++) {
                                long from = first + r.nextInt(accounts);
                                long to = r.nextDouble() < hot ? hotAccount : first + r.nextInt(accounts);
                                if (to == from) {
                                    to = first + (from - first + 1) % accounts;
                                }
                                requests.add(TransferRequest.single("t" + thread + "-" + n++, from, to,
                                        1 + r.nextInt(100), Ledger.CNY, CODE_PAYMENT, null));
                            }
                            long start = System.nanoTime();
                            List<TransferResult> results = ledger.createTransfers(requests);
                            long elapsed = System.nanoTime() - start;
                            if (measuring.get()) {
                                for (TransferResult res : results) {
                                    (res.ok() ? transfers : refused).increment();
                                }
                                if (recorded < lat.length - 1) {
                                    lat[recorded++] = elapsed;
                                }
                            }
                        }
                    } finally {
                        lat[lat.length - 1] = recorded;
                        done.countDown();
                    }
                }, "ledger-bench-" + t).start();
            }
            Thread.sleep(warmup * 1000L);
            long groupsAtStart = grouped ? group.groups() : 0;
            long transfersAtStart = grouped ? group.transfers() : 0;
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long groups = grouped ? group.groups() - groupsAtStart : 0;
            long groupedTransfers = grouped ? group.transfers() - transfersAtStart : 0;
            stop.set(true);
            done.await();

            long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
            InvariantReport check = ledger.checkInvariants();
            System.out.printf("ledger db=%s threads=%d batch=%d accounts=%d hot=%.2f seconds=%.1f tps=%.0f refused=%d "
                            + "batches=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f invariants=%s front=%s%s%n",
                    url.startsWith("jdbc:postgresql") ? "postgresql" : "h2", threads, batch, accounts, hot, elapsed,
                    transfers.sum() / elapsed, refused.sum(), all.length, pct(all, 0.50), pct(all, 0.99),
                    pct(all, 0.999), check.ok() ? "ok" : "VIOLATED " + check.violations(), front,
                    grouped ? String.format(" writers=%d groups=%d avg_group=%.1f", writers, groups,
                            groups == 0 ? 0.0 : (double) groupedTransfers / groups) : "");
        }
    }

    /** The group-commit scenario: many callers, one transfer each in flight, one front. */
    private static void groupCommit(String url, int callers, int writers, int accounts, int seconds, int warmup,
                                    double hot) throws Exception {
        try (HikariDataSource ds = dataSource(url, writers)) {
            Ledger ledger = new JdbcLedger(ds, Clock.systemUTC());
            long first = setUp(ledger, accounts);
            long hotAccount = first + accounts;
            LongAdder transfers = new LongAdder();
            LongAdder refused = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            CountDownLatch done = new CountDownLatch(callers);
            long[] lat = new long[10_000_000];
            java.util.concurrent.atomic.AtomicInteger recorded = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ExecutorService drivers = java.util.concurrent.Executors.newFixedThreadPool(2);
            try (GroupCommit front = new GroupCommit(ledger, writers, Ledger.MAX_BATCH, callers + 1)) {
                class Caller implements Runnable {
                    @Override
                    public void run() {
                        if (stop.get()) {
                            done.countDown();
                            return;
                        }
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        long from = first + r.nextInt(accounts);
                        long to = r.nextDouble() < hot ? hotAccount : first + r.nextInt(accounts);
                        if (to == from) {
                            to = first + (from - first + 1) % accounts;
                        }
                        TransferRequest t = TransferRequest.single("g" + ids.incrementAndGet(), from, to,
                                1 + r.nextInt(100), Ledger.CNY, CODE_PAYMENT, null);
                        long start = System.nanoTime();
                        front.submit(List.of(t)).whenCompleteAsync((results, error) -> {
                            long elapsed = System.nanoTime() - start;
                            if (measuring.get()) {
                                if (error != null) {
                                    failed.increment();
                                } else {
                                    (results.get(0).ok() ? transfers : refused).increment();
                                }
                                int slot = recorded.getAndIncrement();
                                if (slot < lat.length) {
                                    lat[slot] = elapsed;
                                }
                            }
                            run();
                        }, drivers);
                    }
                }
                for (int c = 0; c < callers; c++) {
                    drivers.execute(new Caller());
                }
                Thread.sleep(warmup * 1000L);
                long groupsAtStart = front.groups();
                long transfersAtStart = front.transfers();
                measuring.set(true);
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                measuring.set(false);
                double elapsed = (System.nanoTime() - start) / 1e9;
                long groups = front.groups() - groupsAtStart;
                long grouped = front.transfers() - transfersAtStart;
                stop.set(true);
                done.await();

                long[] all = Arrays.copyOf(lat, Math.min(lat.length, recorded.get()));
                Arrays.sort(all);
                InvariantReport check = ledger.checkInvariants();
                System.out.printf("ledger db=%s threads=%d batch=%d accounts=%d hot=%.2f seconds=%.1f tps=%.0f "
                                + "refused=%d batches=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f invariants=%s "
                                + "mode=group-commit writers=%d groups=%d avg_group=%.1f failed=%d%n",
                        url.startsWith("jdbc:postgresql") ? "postgresql" : "h2", callers, 1, accounts, hot, elapsed,
                        transfers.sum() / elapsed, refused.sum(), all.length, pct(all, 0.50), pct(all, 0.99),
                        pct(all, 0.999), check.ok() ? "ok" : "VIOLATED " + check.violations(), writers, groups,
                        groups == 0 ? 0.0 : (double) grouped / groups, failed.sum());
            } finally {
                drivers.shutdown();
            }
        }
    }

    /** Wallets funded from one source account, plus the hot merchant account after them. Returns the first wallet id. */
    private static long setUp(Ledger ledger, int accounts) {
        long source = 1;
        long first = 1_000_000;
        List<NewAccount> open = new ArrayList<>();
        open.add(NewAccount.of(source, Ledger.CNY, 101, "bench:source"));
        for (int i = 0; i <= accounts; i++) {
            open.add(NewAccount.of(first + i, Ledger.CNY, 201, null, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        }
        for (int i = 0; i < open.size(); i += Ledger.MAX_BATCH) {
            ledger.createAccounts(open.subList(i, Math.min(open.size(), i + Ledger.MAX_BATCH))).forEach(r -> {
                if (!r.ok()) {
                    throw new IllegalStateException("cannot open account " + r);
                }
            });
        }
        List<TransferRequest> funding = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            funding.add(TransferRequest.single("fund-" + i, source, first + i, WALLET_START_FEN, Ledger.CNY, 1, null));
        }
        for (int i = 0; i < funding.size(); i += Ledger.MAX_BATCH) {
            ledger.createTransfers(funding.subList(i, Math.min(funding.size(), i + Ledger.MAX_BATCH)))
                    .forEach(TransferResult::orThrow);
        }
        return first;
    }

    private static HikariDataSource dataSource(String url, int threads) {
        HikariConfig c = new HikariConfig();
        String schema = null;
        if (url.startsWith("jdbc:postgresql")) {
            schema = "bench_" + Long.toHexString(System.nanoTime());
            try (var conn = java.sql.DriverManager.getConnection(url); var s = conn.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            c.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true");
        } else {
            c.setJdbcUrl(url);
        }
        c.setMaximumPoolSize(threads + 2);
        HikariDataSource ds = new HikariDataSource(c);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/ledger")
                .schemas(schema == null ? new String[0] : new String[]{schema}).load().migrate();
        return ds;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
