package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates a money movement against the installed rules, from features kept in memory: velocity
 * counters, each user's recent amounts and payees, password failures, security changes, blacklists
 * and merchants' refund and complaint rates. Only the features of {@link FeatureSource} (device and
 * account age, the wallet's limit figures) may cost a query, and only when a rule uses them.
 *
 * <p>The engine decides; it does not act or store. Its owner feeds it ({@link #record}), installs
 * rule sets ({@link #install}, an atomic swap: an evaluation sees one whole rule set) and rebuilds
 * its memory from stored events after a restart. Thread-safe.
 */
public final class RiskEngine {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Clock clock;
    private final FeatureSource source;
    private final AtomicReference<RuleSet> rules = new AtomicReference<>(RuleSet.empty());
    private final VelocityCounters velocity = new VelocityCounters();
    private final ConcurrentHashMap<Long, UserHistory> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> recorded = new ConcurrentHashMap<>();
    private final Set<String> blacklist = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, long[]> merchants = new ConcurrentHashMap<>();

    public RiskEngine(Clock clock, FeatureSource source) {
        this.clock = Objects.requireNonNull(clock);
        this.source = Objects.requireNonNull(source);
    }

    /** Puts a rule set in force for every evaluation that starts from now on. */
    public void install(RuleSet ruleSet) {
        rules.set(Objects.requireNonNull(ruleSet));
    }

    public RuleSet rules() {
        return rules.get();
    }

    /** Decides on an event; changes nothing. */
    public RiskAssessment evaluate(RiskEvent event) {
        RuleSet ruleSet = rules.get();
        List<Rule> candidates = ruleSet.rulesFor(event.action());
        if (candidates.isEmpty()) {
            return new RiskAssessment(RiskDecision.ALLOW, List.of(), List.of(), ruleSet.version());
        }
        Evaluation evaluation = new Evaluation(ruleSet, event, clock.millis());
        RiskDecision decision = RiskDecision.ALLOW;
        List<FiredRule> fired = new ArrayList<>(2);
        List<FiredRule> testFired = new ArrayList<>(2);
        for (Rule rule : candidates) {
            if (evaluation.holds(rule)) {
                FiredRule f = new FiredRule(rule.id(), rule.decision(), rule.mode(), rule.reason());
                if (rule.mode() == RuleMode.ENFORCE) {
                    decision = decision.strongest(rule.decision());
                    fired.add(f);
                } else {
                    testFired.add(f);
                }
            }
        }
        return new RiskAssessment(decision, fired, testFired, ruleSet.version());
    }

    /**
     * Feeds an event into the memory: money-moving attempts count towards velocity whatever was
     * decided; an allowed one also joins the user's history of amounts and payees. The same key is
     * fed once.
     *
     * @return false if this key was fed before
     */
    public boolean record(RiskEvent event, boolean allowed) {
        long at = event.at().toEpochMilli();
        if (recorded.putIfAbsent(event.key(), at) != null) {
            return false;
        }
        if (event.action().movesMoney()) {
            long amount = event.amountFen();
            velocity.add("user:" + event.userId(), at, amount);
            velocity.add(event.deviceId() == null ? null : "device:" + event.deviceId(), at, amount);
            velocity.add(event.cardKey() == null ? null : "card:" + event.cardKey(), at, amount);
            velocity.add(event.merchantId() == null ? null : "merchant:" + event.merchantId(), at, amount);
            velocity.add(event.payeeKey() == null ? null : "payee:" + event.payeeKey(), at, amount);
            if (allowed) {
                history(event.userId()).paid(amount, event.payeeKey(), at);
            }
        }
        return true;
    }

    /** A wrong payment password. */
    public void recordPasswordFailure(long userId, Instant at) {
        velocity.add("pwfail:" + userId, at.toEpochMilli(), 0);
    }

    /** The payment password was set, changed or reset, or another device became the trusted one. */
    public void recordSecurityChange(long userId, Instant at) {
        history(userId).securityChanged(at.toEpochMilli());
    }

    /** Puts an entry on or off the blacklist; {@code kind} is user, device, card or merchant. */
    public void blacklist(String kind, String value, boolean listed) {
        String key = kind + ":" + value;
        if (listed) {
            blacklist.add(key);
        } else {
            blacklist.remove(key);
        }
    }

    /** Replaces the whole blacklist ({@code kind:value} entries), as loaded from storage. */
    public void replaceBlacklist(Set<String> entries) {
        blacklist.retainAll(entries);
        blacklist.addAll(entries);
    }

    /** The merchant's summary: payments taken, refunds and complaints. */
    public void merchantStats(long merchantId, long payments, long refunds, long complaints) {
        merchants.put(merchantId, new long[] {payments, refunds, complaints});
    }

    /** Forgets counters, histories and de-duplication keys idle for a day; how many keys went. */
    public int evictIdle() {
        long now = clock.millis();
        int evicted = velocity.evictIdle(now);
        int before = users.size();
        users.values().removeIf(h -> h.lastMillis < now - 30 * DAY_MILLIS);
        recorded.values().removeIf(at -> at < now - DAY_MILLIS);
        return evicted + before - users.size();
    }

    private UserHistory history(long userId) {
        return users.computeIfAbsent(userId, id -> new UserHistory());
    }

    /** One evaluation: computes each feature at most once. */
    private final class Evaluation {
        final RuleSet ruleSet;
        final RiskEvent e;
        final long now;
        final double[] values;
        final boolean[] known;
        UserHistory history;
        FeatureSource.LimitFigures limits;

        Evaluation(RuleSet ruleSet, RiskEvent e, long now) {
            this.ruleSet = ruleSet;
            this.e = e;
            this.now = now;
            this.values = new double[ruleSet.slots()];
            this.known = new boolean[values.length];
        }

        boolean holds(Rule rule) {
            for (Rule.Condition c : rule.conditions()) {
                double left = value(c.feature());
                double right = c.other() == null ? c.constant() : value(c.other());
                if (!c.op().test(left, right)) {
                    return false;
                }
            }
            return true;
        }

        double value(Feature f) {
            int slot = ruleSet.slot(f);
            if (!known[slot]) {
                values[slot] = compute(f);
                known[slot] = true;
            }
            return values[slot];
        }

        private double compute(Feature f) {
            return switch (f.kind()) {
                case AMOUNT -> e.amountFen();
                case PASSWORD_FREE -> e.passwordFree() ? 1 : 0;
                case COUNT -> velocity.count(key(f.subject()), f.window(), now) + (counts() ? 1 : 0);
                case SUM -> velocity.sum(key(f.subject()), f.window(), now) + (counts() ? e.amountFen() : 0);
                case PASSWORD_FAILURES -> velocity.count("pwfail:" + e.userId(), Feature.Window.HOUR, now);
                case SECURITY_CHANGE_MINUTES -> {
                    long changed = history().securityChangeMillis();
                    yield changed == Long.MIN_VALUE ? 1e9 : Math.max(0, (now - changed) / 60_000.0);
                }
                case PAYEE_NEW -> e.payeeKey() != null && !history().knows(e.payeeKey()) ? 1 : 0;
                case HISTORY_COUNT -> history().count();
                case HISTORY_P95 -> history().p95();
                case AMOUNT_P95_RATIO -> {
                    long p95 = history().p95();
                    yield p95 == 0 ? 0 : (double) e.amountFen() / p95;
                }
                case BLACKLISTED -> blacklisted(f.subject()) ? 1 : 0;
                case DEVICE_AGE_HOURS -> {
                    Instant first = e.deviceId() == null ? null : source.deviceFirstSeen(e.userId(), e.deviceId());
                    yield first == null ? 0 : Math.max(0, (now - first.toEpochMilli()) / 3_600_000.0);
                }
                case ACCOUNT_AGE_HOURS -> {
                    Instant opened = source.accountOpened(e.userId());
                    yield opened == null ? 0 : Math.max(0, (now - opened.toEpochMilli()) / 3_600_000.0);
                }
                case MERCHANT_PAYMENTS -> merchant()[0];
                case MERCHANT_REFUND_RATE -> rate(merchant()[1], merchant()[0]);
                case MERCHANT_COMPLAINT_RATE -> rate(merchant()[2], merchant()[0]);
                case ACCOUNT_CLASS -> limits().accountClass();
                case LIMIT_CLASS_LEFT -> limits().classLeftFen();
                case LIMIT_DAILY_LEFT -> limits().dailyLeftFen();
            };
        }

        private boolean counts() {
            return e.action().movesMoney() && !recorded.containsKey(e.key());
        }

        private String key(Feature.Subject subject) {
            return switch (subject) {
                case USER -> "user:" + e.userId();
                case DEVICE -> e.deviceId() == null ? null : "device:" + e.deviceId();
                case CARD -> e.cardKey() == null ? null : "card:" + e.cardKey();
                case MERCHANT -> e.merchantId() == null ? null : "merchant:" + e.merchantId();
                case PAYEE -> e.payeeKey() == null ? null : "payee:" + e.payeeKey();
            };
        }

        private boolean blacklisted(Feature.Subject subject) {
            return switch (subject) {
                case USER -> blacklist.contains("user:" + e.userId());
                case DEVICE -> e.deviceId() != null && blacklist.contains("device:" + e.deviceId());
                case CARD -> e.cardKey() != null && blacklist.contains("card:" + e.cardKey());
                case MERCHANT -> e.merchantId() != null && blacklist.contains("merchant:" + e.merchantId());
                case PAYEE -> (e.merchantId() != null && blacklist.contains("merchant:" + e.merchantId()))
                        || (e.payeeUserId() != null && blacklist.contains("user:" + e.payeeUserId()));
            };
        }

        private UserHistory history() {
            if (history == null) {
                UserHistory h = users.get(e.userId());
                history = h == null ? new UserHistory() : h;
            }
            return history;
        }

        private long[] merchant() {
            long[] stats = e.merchantId() == null ? null : merchants.get(e.merchantId());
            return stats == null ? new long[3] : stats;
        }

        private FeatureSource.LimitFigures limits() {
            if (limits == null) {
                limits = source.limits(e.userId());
            }
            return limits;
        }

        private static double rate(long part, long whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }
    }
}
