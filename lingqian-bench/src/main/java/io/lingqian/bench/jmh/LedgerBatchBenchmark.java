package io.lingqian.bench.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.ledger.jdbc.JdbcLedger;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One ledger batch through {@link Ledger#createTransfers} on an in-memory H2 database: everything a
 * batch costs except the disk and the network (locks, the idempotency lookup, the rules, the hash
 * chain, the writes). {@code batch} transfers of 1–100 fen between 10,000 no-overdraft wallets, half
 * of them to one hot account when {@code hot} is true. What this measures is the ledger's own CPU
 * per batch; PostgreSQL figures, with durable commits, are {@code LedgerThroughput}'s.
 *
 * <p>Run with {@code lingqian-bench/jmh.sh LedgerBatchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerBatchBenchmark {

    private static final int ACCOUNTS = 10_000;
    private static final long FIRST = 1_000_000;

    @Param({"1", "100", "1000"})
    public int batch;

    @Param({"false", "true"})
    public boolean hot;

    private HikariDataSource dataSource;
    private Ledger ledger;
    private final SplittableRandom random = new SplittableRandom(42);
    private long next;

    @Setup
    public void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:jmh-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/ledger").load().migrate();
        ledger = new JdbcLedger(dataSource, Clock.systemUTC());
        List<NewAccount> open = new ArrayList<>();
        open.add(NewAccount.of(1, Ledger.CNY, 101, "jmh:source"));
        for (int i = 0; i <= ACCOUNTS; i++) {
            open.add(NewAccount.of(FIRST + i, Ledger.CNY, 201, null, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        }
        for (int i = 0; i < open.size(); i += Ledger.MAX_BATCH) {
            ledger.createAccounts(open.subList(i, Math.min(open.size(), i + Ledger.MAX_BATCH)));
        }
        List<TransferRequest> funding = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            funding.add(TransferRequest.single("fund-" + i, 1, FIRST + i, 1_000_000_000L, Ledger.CNY, 1, null));
        }
        for (int i = 0; i < funding.size(); i += Ledger.MAX_BATCH) {
            ledger.createTransfers(funding.subList(i, Math.min(funding.size(), i + Ledger.MAX_BATCH)))
                    .forEach(TransferResult::orThrow);
        }
    }

    @TearDown
    public void close() {
        dataSource.close();
    }

    @Benchmark
    public List<TransferResult> applyBatch() {
        List<TransferRequest> requests = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            long from = FIRST + random.nextInt(ACCOUNTS);
            long to = hot && random.nextBoolean() ? FIRST + ACCOUNTS : FIRST + random.nextInt(ACCOUNTS);
            if (to == from) {
                to = FIRST + (from - FIRST + 1) % ACCOUNTS;
            }
            requests.add(TransferRequest.single("j" + next++, from, to, 1 + random.nextInt(100), Ledger.CNY, 10,
                    null));
        }
        return ledger.createTransfers(requests);
    }
}
