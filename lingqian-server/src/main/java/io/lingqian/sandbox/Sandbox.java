package io.lingqian.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.payment.PaymentOrders;
import io.lingqian.platform.SandboxClock;
import io.lingqian.sandbox.SandboxRefusal.Reason;
import io.lingqian.sandbox.internal.SandboxStore;

/**
 * A merchant's sandbox controls: the switch, the notification faults, the rules that force outcomes,
 * and the clock. Every method takes the merchant's id, so a merchant only ever reaches, and only ever
 * affects, its own: a rule is looked up by the merchant of the order or refund it is asked about.
 */
@Service
@EnableConfigurationProperties(SandboxProperties.class)
public class Sandbox {

    /** Most rules one merchant keeps at once: enough for any test plan, a bound on every lookup. */
    public static final int MAX_RULES = 50;
    /** One clock step is at most 30 days; step again for more. */
    public static final Duration MAX_CLOCK_STEP = Duration.ofDays(30);
    /** How many batches of expired orders a clock move closes at once before leaving the rest to the job. */
    private static final int CLOSE_BATCHES = 20;

    private final SandboxStore store;
    private final SandboxProperties properties;
    private final SandboxClock platformClock;
    private final PaymentOrders orders;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Sandbox(SandboxStore store, SandboxProperties properties, SandboxClock platformClock, PaymentOrders orders,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.platformClock = platformClock;
        this.orders = orders;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Whether the installation lets merchants use sandbox controls at all. */
    public boolean available() {
        return properties.available();
    }

    /** Whether a merchant with the sandbox on may move the platform clock. */
    public boolean clockMovable() {
        return properties.globalClock() && platformClock.adjustable();
    }

    /** The merchant's settings; off with no faults for a merchant that never switched it on. */
    public SandboxSettings settings(long merchantId) {
        SandboxSettings settings = store.settings(merchantId).orElse(SandboxSettings.off(merchantId));
        return properties.available() ? settings : SandboxSettings.off(merchantId);
    }

    /** Whether the merchant's controls are on (and the installation offers them). */
    public boolean active(long merchantId) {
        return settings(merchantId).enabled();
    }

    /**
     * Switches the merchant's controls on or off. Switching off keeps the rules and faults (they apply
     * again when it is switched on) but stops them at once.
     *
     * @throws SandboxRefusal {@code OFF} when the installation offers no sandbox controls
     */
    public SandboxSettings setEnabled(long merchantId, boolean enabled) {
        if (!properties.available()) {
            throw new SandboxRefusal(Reason.OFF, "this installation offers no sandbox controls (lingqian.sandbox.available)");
        }
        transaction.executeWithoutResult(status -> store.setEnabled(merchantId, enabled, clock.instant()));
        return settings(merchantId);
    }

    /**
     * Sets the faults injected into the merchant's notifications from now on.
     *
     * @throws SandboxRefusal {@code OFF}, {@code INVALID} for values out of range
     */
    public SandboxSettings setNotificationFaults(long merchantId, int duplicates, Duration delay, Duration reorderWindow) {
        requireActive(merchantId);
        if (duplicates < 0 || duplicates > SandboxSettings.MAX_DUPLICATES) {
            throw invalid("duplicates is 0 to " + SandboxSettings.MAX_DUPLICATES);
        }
        if (delay.isNegative() || delay.compareTo(SandboxSettings.MAX_DELAY) > 0) {
            throw invalid("the delay is 0 to " + SandboxSettings.MAX_DELAY.toSeconds() + " seconds");
        }
        if (reorderWindow.isNegative() || reorderWindow.compareTo(SandboxSettings.MAX_REORDER_WINDOW) > 0) {
            throw invalid("the reorder window is 0 to " + SandboxSettings.MAX_REORDER_WINDOW.toSeconds() + " seconds");
        }
        transaction.executeWithoutResult(status -> store.setNotificationFaults(merchantId, duplicates,
                Duration.ofSeconds(delay.toSeconds()), Duration.ofSeconds(reorderWindow.toSeconds()), clock.instant()));
        return settings(merchantId);
    }

    /** The merchant's rules, oldest (first to apply) first. */
    public List<SandboxRule> rules(long merchantId) {
        return store.rules(merchantId);
    }

    /**
     * Adds a rule.
     *
     * @param pattern null for the next payment or refund only; else a pattern of the numbers it applies to
     * @throws SandboxRefusal {@code OFF}; {@code INVALID} for an outcome of another target, a malformed
     *         pattern, or more than {@link #MAX_RULES} rules
     */
    public SandboxRule addRule(long merchantId, SandboxRule.Target target, String pattern, SandboxRule.Outcome outcome) {
        requireActive(merchantId);
        if (outcome.target() != target) {
            throw invalid("outcome " + outcome + " applies to a " + outcome.target() + ", not a " + target);
        }
        if (pattern != null && !SandboxRule.PATTERN_SYNTAX.matcher(pattern).matches()) {
            throw invalid("out_no_pattern is 1 to 64 letters, digits or _-|*@ with * for any run and ? for one character");
        }
        if (store.rules(merchantId).size() >= MAX_RULES) {
            throw invalid("a merchant keeps at most " + MAX_RULES + " rules; delete some first");
        }
        long id = transaction.execute(status -> store.insertRule(merchantId, target, pattern, outcome, clock.instant()));
        return store.rules(merchantId).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /**
     * Deletes one of the merchant's rules.
     *
     * @throws SandboxRefusal {@code NOT_FOUND} when the merchant has no rule of that id (another
     *         merchant's rule is not found either)
     */
    public void deleteRule(long merchantId, long ruleId) {
        if (!Boolean.TRUE.equals(transaction.execute(status -> store.deleteRule(merchantId, ruleId)))) {
            throw new SandboxRefusal(Reason.NOT_FOUND, "no rule " + ruleId + " of this merchant");
        }
    }

    /**
     * The rule that applies to the merchant's payment or refund with this number, if its controls are
     * on: the oldest matching one. A rule for the next one only is used up here, in the caller's
     * transaction (if that rolls back, the rule is there again). Of two callers racing for one such
     * rule, exactly one gets it.
     */
    public Optional<SandboxRule> take(long merchantId, SandboxRule.Target target, String number) {
        if (!active(merchantId)) {
            return Optional.empty();
        }
        for (SandboxRule rule : store.rules(merchantId)) {
            if (rule.target() != target || !rule.matches(number)) {
                continue;
            }
            if (!rule.once() || store.deleteRule(merchantId, rule.id())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * Moves the platform clock forward and closes the orders that expired meanwhile (the expiry job
     * would, on its next run). The one clock is every merchant's, so this is allowed only on an
     * installation that is a sandbox as a whole ({@code lingqian.sandbox.global-clock=true} and
     * {@code lingqian.clock.adjustable=true}).
     *
     * @return the platform time afterwards
     * @throws SandboxRefusal {@code OFF}, {@code CLOCK_FIXED}, {@code INVALID} for a step that is not 1 s to 30 days
     */
    public Instant advanceClock(long merchantId, Duration step) {
        requireActive(merchantId);
        if (!clockMovable()) {
            throw new SandboxRefusal(Reason.CLOCK_FIXED, "the clock of this installation is shared by every merchant"
                    + " and cannot be moved by one (it can where lingqian.sandbox.global-clock and"
                    + " lingqian.clock.adjustable are on); to reach an order's expiry, place it with a short time_expire");
        }
        if (step.isNegative() || step.isZero() || step.compareTo(MAX_CLOCK_STEP) > 0) {
            throw invalid("the clock moves forward by 1 second to " + MAX_CLOCK_STEP.toDays() + " days at a time");
        }
        Instant now = platformClock.advance(step);
        // Each batch closes up to lingqian.payment.close-batch-size orders; the job closes any rest.
        int batches = 0;
        while (batches < CLOSE_BATCHES && orders.closeExpired() > 0) {
            batches++;
        }
        return now;
    }

    /**
     * @throws SandboxRefusal {@code OFF} when the merchant's sandbox controls are off
     */
    public void requireActive(long merchantId) {
        if (!active(merchantId)) {
            throw new SandboxRefusal(Reason.OFF, properties.available()
                    ? "the sandbox controls of this merchant are off; switch them on in the merchant portal (Sandbox)"
                    : "this installation offers no sandbox controls");
        }
    }

    private static SandboxRefusal invalid(String message) {
        return new SandboxRefusal(Reason.INVALID, message);
    }
}
