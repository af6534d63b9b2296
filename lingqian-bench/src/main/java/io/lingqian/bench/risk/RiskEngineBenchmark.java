package io.lingqian.bench.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.lingqian.risk.FeatureSource;
import io.lingqian.risk.RiskAction;
import io.lingqian.risk.RiskAssessment;
import io.lingqian.risk.RiskEngine;
import io.lingqian.risk.RiskEvent;
import io.lingqian.risk.RuleSet;

/**
 * The cost the risk engine adds to a payment: {@link RiskEngine#evaluate} of a payment against the
 * server's default rule set (every in-memory family: velocity per user, device, card, merchant and
 * payee, password failures, security changes, new payee, history p95, blacklists, merchant rates),
 * with 10,000 users whose counters and histories are warm, and 1,000 blacklist entries. Features that
 * cost the server a query (device and account age, limit figures) are left out: they are off the
 * in-memory path by design. Sample mode reports the median and tail per evaluation.
 *
 * <p>Run with {@code lingqian-bench/risk-engine.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RiskEngineBenchmark {

    static final String RULES = """
            rule blacklisted-user when blacklist.user = 1 then DENY
            rule blacklisted-device when blacklist.device = 1 then DENY
            rule blacklisted-card when blacklist.card = 1 then DENY
            rule blacklisted-payee when blacklist.payee = 1 then DENY
            rule user-burst-minute when user.count.1m > 10 then CHALLENGE
            rule user-count-hour when user.count.1h > 60 then CHALLENGE
            rule user-amount-day when user.amount.1d > 5000000 then DENY
            rule device-burst when device.count.1m > 15 then DENY
            rule card-amount-hour when card.amount.1h > 2000000 then CHALLENGE
            rule merchant-burst when merchant.count.1m > 5000 then CHALLENGE mode test
            rule payee-burst when payee.count.1m > 5000 then CHALLENGE mode test
            rule wrong-passwords when password.failures.1h >= 3 then CHALLENGE
            rule takeover when payee.new = 1 and amount >= 200000 and security.change.minutes < 1440 then DENY
            rule outlier when history.count >= 10 and amount.p95.ratio > 10 then CHALLENGE
            rule refunds when merchant.payments >= 100 and merchant.refund.rate > 30 then CHALLENGE
            rule complaints when merchant.payments >= 100 and merchant.complaint.rate >= 5 then DENY
            """;

    static final int USERS = 10_000;
    static final int MERCHANTS = 500;

    private RiskEngine engine;
    private RiskEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        engine = new RiskEngine(clock, FeatureSource.NONE);
        engine.install(RuleSet.parse(1, RULES));
        SplittableRandom random = new SplittableRandom(42);
        Instant now = clock.instant();
        long key = 0;
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < 30; i++) {
                engine.record(event("warm-" + key++, u, random, now.minusSeconds(random.nextInt(86_000))), true);
            }
        }
        for (int m = 0; m < MERCHANTS; m++) {
            engine.merchantStats(m, 1_000, random.nextInt(100), random.nextInt(20));
        }
        for (int i = 0; i < 1_000; i++) {
            engine.blacklist("device", "bad-device-" + i, true);
        }
        events = new RiskEvent[4096];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("bench-" + i, random.nextInt(USERS), random, now);
        }
    }

    private static RiskEvent event(String key, int user, SplittableRandom random, Instant at) {
        return new RiskEvent(key, RiskAction.PAYMENT, user, "device-" + user, 100 + random.nextInt(50_000),
                (long) random.nextInt(MERCHANTS), null, "card-" + user, false, at);
    }

    @Benchmark
    public RiskAssessment evaluatePayment() {
        RiskEvent event = events[next++ & (events.length - 1)];
        return engine.evaluate(event);
    }
}
