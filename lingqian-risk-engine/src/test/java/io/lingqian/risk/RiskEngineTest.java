package io.lingqian.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lingqian.clock.AdjustableClock;

/** One test per rule family, on the engine alone, with a clock the tests move. */
class RiskEngineTest {

    private final AdjustableClock clock = AdjustableClock.fixed(Instant.parse("2026-11-02T02:00:00Z"),
            ZoneId.of("Asia/Shanghai"));
    private final AtomicInteger keys = new AtomicInteger();

    private RiskEngine engine(String rules) {
        return engine(rules, FeatureSource.NONE);
    }

    private RiskEngine engine(String rules, FeatureSource source) {
        RiskEngine engine = new RiskEngine(clock, source);
        engine.install(RuleSet.parse(1, rules));
        return engine;
    }

    private RiskEvent pay(long user, long amount, Long merchant) {
        return new RiskEvent("k" + keys.incrementAndGet(), RiskAction.PAYMENT, user, "dev-" + user, amount, merchant,
                null, null, false, clock.instant());
    }

    private RiskAssessment attempt(RiskEngine engine, RiskEvent event) {
        RiskAssessment a = engine.evaluate(event);
        engine.record(event, a.decision() == RiskDecision.ALLOW);
        return a;
    }

    @Test
    void velocityPerUserCountsWithinTheWindowAndForgetsAsTheClockMoves() {
        RiskEngine engine = engine("rule burst when user.count.1m > 3 then CHALLENGE\n"
                + "rule hourly when user.amount.1h > 100000 then DENY");
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(engine, pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
            clock.advance(Duration.ofSeconds(5));
        }
        RiskAssessment fourth = attempt(engine, pay(1, 100, 9L));
        assertThat(fourth.decision()).isEqualTo(RiskDecision.CHALLENGE);
        assertThat(fourth.fired()).extracting(FiredRule::ruleId).containsExactly("burst");
        // another user is not affected
        assertThat(attempt(engine, pay(2, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        clock.advance(Duration.ofSeconds(61));
        assertThat(attempt(engine, pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        // amounts per hour: 5 × 100 so far, then 99,600 more passes the line at 100,100
        assertThat(attempt(engine, pay(1, 99_500, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(attempt(engine, pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.DENY);
        clock.advance(Duration.ofMinutes(61));
        assertThat(attempt(engine, pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
    }

    @Test
    void velocityPerDeviceCardAndMerchantAndADayWindow() {
        RiskEngine engine = engine("""
                rule device-day when device.count.1d > 2 then DENY
                rule card-hour on TRANSFER when card.amount.1h >= 30000 then CHALLENGE
                rule merchant-minute when merchant.count.1m > 2 then DENY
                """);
        RiskEvent a = new RiskEvent("d1", RiskAction.WITHDRAWAL, 1, "shared-device", 10, null, null, null, false,
                clock.instant());
        attempt(engine, a);
        clock.advance(Duration.ofHours(10));
        attempt(engine, new RiskEvent("d2", RiskAction.WITHDRAWAL, 2, "shared-device", 10, null, null, null, false,
                clock.instant()));
        clock.advance(Duration.ofHours(10));
        assertThat(engine.evaluate(new RiskEvent("d3", RiskAction.WITHDRAWAL, 3, "shared-device", 10, null, null, null,
                false, clock.instant())).decision()).isEqualTo(RiskDecision.DENY);
        clock.advance(Duration.ofHours(5));
        assertThat(engine.evaluate(new RiskEvent("d4", RiskAction.WITHDRAWAL, 3, "shared-device", 10, null, null, null,
                false, clock.instant())).decision()).isEqualTo(RiskDecision.ALLOW);

        attempt(engine, new RiskEvent("c1", RiskAction.TRANSFER, 4, null, 20_000, null, 5L, "card-x", false,
                clock.instant()));
        assertThat(engine.evaluate(new RiskEvent("c2", RiskAction.TRANSFER, 6, null, 10_000, null, 5L, "card-x", false,
                clock.instant())).decision()).isEqualTo(RiskDecision.CHALLENGE);
        assertThat(engine.evaluate(new RiskEvent("c3", RiskAction.TRANSFER, 6, null, 10_000, null, 5L, "card-y", false,
                clock.instant())).decision()).isEqualTo(RiskDecision.ALLOW);

        attempt(engine, pay(7, 1, 77L));
        attempt(engine, pay(8, 1, 77L));
        assertThat(engine.evaluate(pay(9, 1, 77L)).decision()).isEqualTo(RiskDecision.DENY);
    }

    @Test
    void theSameAttemptIsCountedOnce() {
        RiskEngine engine = engine("rule burst when user.count.1m > 1 then DENY");
        RiskEvent event = pay(1, 100, 9L);
        assertThat(attempt(engine, event).decision()).isEqualTo(RiskDecision.ALLOW);
        // evaluated again (a preview, a retry): still the first attempt
        assertThat(attempt(engine, event).decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(attempt(engine, pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.DENY);
    }

    @Test
    void amountLimitsReadTheWalletsFigures() {
        FeatureSource source = new FeatureSource() {
            @Override
            public Instant deviceFirstSeen(long userId, String deviceId) {
                return null;
            }

            @Override
            public Instant accountOpened(long userId) {
                return null;
            }

            @Override
            public LimitFigures limits(long userId) {
                return new LimitFigures(1, 50_000, 20_000);
            }
        };
        RiskEngine engine = engine("""
                rule daily when amount > limit.daily.left then DENY reason "Over today's limit"
                rule class-one-big when account.class <= 1 and amount >= 40000 then CHALLENGE
                """, source);
        assertThat(engine.evaluate(pay(1, 20_000, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        RiskAssessment over = engine.evaluate(pay(1, 20_001, 9L));
        assertThat(over.decision()).isEqualTo(RiskDecision.DENY);
        assertThat(over.reasons()).isEqualTo("Over today's limit");
    }

    @Test
    void newDeviceOnAnEstablishedAccount() {
        Instant opened = clock.instant().minus(Duration.ofDays(30));
        Instant deviceSeen = clock.instant().minus(Duration.ofMinutes(10));
        FeatureSource source = new FeatureSource() {
            @Override
            public Instant deviceFirstSeen(long userId, String deviceId) {
                return deviceId.equals("old-phone") ? opened : deviceId.equals("new-phone") ? deviceSeen : null;
            }

            @Override
            public Instant accountOpened(long userId) {
                return opened;
            }

            @Override
            public LimitFigures limits(long userId) {
                throw new AssertionError("no rule reads the limits");
            }
        };
        RiskEngine engine = engine("rule new-device when device.age.hours < 24 and account.age.hours >= 72 "
                + "and amount >= 50000 then CHALLENGE", source);
        RiskEvent fromOld = new RiskEvent("a", RiskAction.PAYMENT, 1, "old-phone", 60_000, 9L, null, null, false,
                clock.instant());
        RiskEvent fromNew = new RiskEvent("b", RiskAction.PAYMENT, 1, "new-phone", 60_000, 9L, null, null, false,
                clock.instant());
        RiskEvent fromUnknown = new RiskEvent("c", RiskAction.PAYMENT, 1, "never-seen", 60_000, 9L, null, null, false,
                clock.instant());
        assertThat(engine.evaluate(fromOld).decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(engine.evaluate(fromNew).decision()).isEqualTo(RiskDecision.CHALLENGE);
        assertThat(engine.evaluate(fromUnknown).decision()).isEqualTo(RiskDecision.CHALLENGE);
    }

    @Test
    void manyWrongPasswordsWithinAnHour() {
        RiskEngine engine = engine("rule wrong-passwords when password.failures.1h >= 3 then DENY_AND_FREEZE");
        engine.recordPasswordFailure(1, clock.instant());
        engine.recordPasswordFailure(1, clock.instant());
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        engine.recordPasswordFailure(1, clock.instant());
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.DENY_AND_FREEZE);
        clock.advance(Duration.ofMinutes(61));
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
    }

    @Test
    void newPayeeWithALargeAmountShortlyAfterASecurityChange() {
        RiskEngine engine = engine("rule takeover on TRANSFER when payee.new = 1 and amount >= 200000 "
                + "and security.change.minutes < 1440 then DENY");
        RiskEvent toKnown = new RiskEvent("t1", RiskAction.TRANSFER, 1, null, 300_000, null, 2L, null, false,
                clock.instant());
        attempt(engine, toKnown);
        engine.recordSecurityChange(1, clock.instant());
        clock.advance(Duration.ofHours(2));
        assertThat(engine.evaluate(new RiskEvent("t2", RiskAction.TRANSFER, 1, null, 300_000, null, 2L, null, false,
                clock.instant())).decision()).as("a payee paid before").isEqualTo(RiskDecision.ALLOW);
        assertThat(engine.evaluate(new RiskEvent("t3", RiskAction.TRANSFER, 1, null, 300_000, null, 3L, null, false,
                clock.instant())).decision()).as("a new payee").isEqualTo(RiskDecision.DENY);
        assertThat(engine.evaluate(new RiskEvent("t4", RiskAction.TRANSFER, 1, null, 1_000, null, 3L, null, false,
                clock.instant())).decision()).as("a small amount").isEqualTo(RiskDecision.ALLOW);
        clock.advance(Duration.ofDays(1));
        assertThat(engine.evaluate(new RiskEvent("t5", RiskAction.TRANSFER, 1, null, 300_000, null, 3L, null, false,
                clock.instant())).decision()).as("a day after the change").isEqualTo(RiskDecision.ALLOW);
    }

    @Test
    void amountFarOutsideTheUsersOwnHistory() {
        RiskEngine engine = engine("rule outlier when history.count >= 10 and amount.p95.ratio > 5 then CHALLENGE");
        assertThat(attempt(engine, pay(1, 1_000_000, 9L)).decision()).as("no history yet")
                .isEqualTo(RiskDecision.ALLOW);
        for (int i = 0; i < 20; i++) {
            attempt(engine, pay(1, 1_000 + i * 10, 9L));
        }
        // 21 amounts: twenty of 1,000-1,190 and the 1,000,000; p95 by nearest rank is the 20th, 1,190
        assertThat(engine.evaluate(pay(1, 5_900, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(engine.evaluate(pay(1, 6_000, 9L)).decision()).isEqualTo(RiskDecision.CHALLENGE);
    }

    @Test
    void blacklistsOfUsersDevicesCardsAndMerchants() {
        RiskEngine engine = engine("""
                rule bl-user when blacklist.user = 1 then DENY
                rule bl-device when blacklist.device = 1 then DENY
                rule bl-card when blacklist.card = 1 then DENY
                rule bl-payee when blacklist.payee = 1 then DENY
                """);
        RiskEvent event = new RiskEvent("x", RiskAction.TRANSFER, 1, "dev", 100, null, 2L, "card-1", false,
                clock.instant());
        assertThat(engine.evaluate(event).decision()).isEqualTo(RiskDecision.ALLOW);
        engine.blacklist("card", "card-1", true);
        assertThat(engine.evaluate(event).fired()).extracting(FiredRule::ruleId).containsExactly("bl-card");
        engine.blacklist("card", "card-1", false);
        engine.blacklist("user", "2", true);
        assertThat(engine.evaluate(event).fired()).extracting(FiredRule::ruleId).containsExactly("bl-payee");
        engine.replaceBlacklist(Set.of("device:dev", "merchant:9"));
        assertThat(engine.evaluate(event).fired()).extracting(FiredRule::ruleId).containsExactly("bl-device");
        assertThat(engine.evaluate(pay(5, 1, 9L)).fired()).extracting(FiredRule::ruleId).containsExactly("bl-payee");
        engine.blacklist("user", "5", true);
        assertThat(engine.evaluate(pay(5, 1, 8L)).fired()).extracting(FiredRule::ruleId).containsExactly("bl-user");
    }

    @Test
    void merchantsWithAbnormalRefundOrComplaintRates() {
        RiskEngine engine = engine("rule refunds when merchant.payments >= 100 and merchant.refund.rate > 30 then CHALLENGE\n"
                + "rule complaints when merchant.payments >= 100 and merchant.complaint.rate >= 5 then DENY");
        engine.merchantStats(9, 200, 40, 2);
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.ALLOW);
        engine.merchantStats(9, 200, 61, 2);
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.CHALLENGE);
        engine.merchantStats(9, 200, 61, 10);
        assertThat(engine.evaluate(pay(1, 100, 9L)).decision()).isEqualTo(RiskDecision.DENY);
        assertThat(engine.evaluate(pay(1, 100, 8L)).decision()).as("another merchant").isEqualTo(RiskDecision.ALLOW);
    }

    @Test
    void testModeRulesAreReportedButDoNotDecide() {
        RiskEngine engine = engine("rule trial when amount > 100 then DENY mode test\n"
                + "rule real when amount > 1000 then CHALLENGE");
        RiskAssessment a = engine.evaluate(pay(1, 500, 9L));
        assertThat(a.decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(a.testFired()).extracting(FiredRule::ruleId).containsExactly("trial");
        RiskAssessment b = engine.evaluate(pay(1, 5000, 9L));
        assertThat(b.decision()).isEqualTo(RiskDecision.CHALLENGE);
        assertThat(b.fired()).extracting(FiredRule::ruleId).containsExactly("real");
    }

    @Test
    void anInstalledRuleSetReplacesTheOldOneAtOnce() {
        RiskEngine engine = engine("rule a when amount > 100 then DENY");
        assertThat(engine.evaluate(pay(1, 500, 9L)).decision()).isEqualTo(RiskDecision.DENY);
        engine.install(RuleSet.parse(2, "rule a when amount > 1000 then DENY"));
        RiskAssessment after = engine.evaluate(pay(1, 500, 9L));
        assertThat(after.decision()).isEqualTo(RiskDecision.ALLOW);
        assertThat(after.rulesVersion()).isEqualTo(2);
    }
}
