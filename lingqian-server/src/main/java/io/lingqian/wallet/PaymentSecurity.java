package io.lingqian.wallet;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.wallet.internal.IdentityStore;
import io.lingqian.wallet.internal.SecurityStore;

/**
 * The payment password (six digits, PBKDF2 through the platform's encoder, locked after too many
 * wrong attempts), password-free small payments and the hardware lock. Passwords never leave this
 * class except as hashes and are never logged.
 */
@Service
public class PaymentSecurity {

    private final SecurityStore store;
    private final IdentityStore identities;
    private final PasswordEncoder passwords;
    private final WalletProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RiskCheck> risk;

    PaymentSecurity(SecurityStore store, IdentityStore identities, PasswordEncoder passwords, WalletProperties settings,
            TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events,
            ObjectProvider<RiskCheck> risk) {
        this.events = events;
        this.risk = risk;
        this.store = store;
        this.identities = identities;
        this.passwords = passwords;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Refuses a new payment password that is not six digits or is trivially guessable. */
    static void checkNewPassword(String candidate) {
        if (candidate == null || !candidate.matches("\\d{6}")) {
            throw WalletProblems.invalid("invalid_payment_password", "A payment password is 6 digits.");
        }
        boolean same = candidate.chars().distinct().count() == 1;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < 6; i++) {
            up &= candidate.charAt(i) == candidate.charAt(i - 1) + 1;
            down &= candidate.charAt(i) == candidate.charAt(i - 1) - 1;
        }
        if (same || up || down) {
            throw WalletProblems.invalid("weak_payment_password",
                    "Choose a payment password that is not one digit repeated or a run like 123456.");
        }
    }

    public SecuritySettings settings(long userId) {
        store.ensure(userId, clock.instant());
        SecurityStore.Row row = store.get(userId);
        Instant now = clock.instant();
        boolean locked = row.lockedUntil() != null && row.lockedUntil().toInstant().isAfter(now);
        int failed = row.lockedUntil() != null && !locked ? 0 : row.failedAttempts();
        return new SecuritySettings(row.payPasswordHash() != null, locked ? 0 : settings.password().maxAttempts() - failed,
                locked ? row.lockedUntil().toInstant() : null, row.passwordFreeEnabled(), row.passwordFreeLimitFen(),
                row.hardwareLock(), row.boundDeviceId());
    }

    /**
     * Sets the payment password. The first one needs a verified real name; changing it needs the
     * current one (which counts as an attempt) and, under the hardware lock, the bound device.
     */
    public void setPassword(long userId, String deviceId, String currentPassword, String newPassword) {
        if (identities.identityOf(userId).isEmpty()) {
            throw WalletProblems.refused("not_verified", "Verify your real name before setting a payment password.");
        }
        checkNewPassword(newPassword);
        requireTrustedDevice(userId, deviceId);
        boolean change = settings(userId).passwordSet();
        if (change) {
            verify(userId, currentPassword);
        }
        risk.getObject().check(RiskCheck.Attempt.of(RiskCheck.Action.PASSWORD_CHANGE, null, userId, deviceId, 0, false));
        String hash = passwords.encode(newPassword);
        transaction.executeWithoutResult(status -> {
            store.setPassword(userId, hash, clock.instant());
            publish(change ? WalletSecurityEvent.Kind.PASSWORD_CHANGED : WalletSecurityEvent.Kind.PASSWORD_SET, userId,
                    deviceId);
        });
    }

    /**
     * Checks the payment password. A wrong one is counted (committed even though the request fails);
     * the last allowed wrong attempt locks the password for the configured time.
     *
     * @throws io.lingqian.platform.ApiProblemException {@code payment_password_locked} (423),
     *         {@code wrong_payment_password}, or {@code payment_password_not_set}
     */
    public void verify(long userId, String candidate) {
        store.ensure(userId, clock.instant());
        Outcome outcome = transaction.execute(status -> {
            SecurityStore.Row row = store.lock(userId);
            Instant now = clock.instant();
            if (row.payPasswordHash() == null) {
                return new Outcome(Result.NOT_SET, 0, null);
            }
            if (row.lockedUntil() != null && row.lockedUntil().toInstant().isAfter(now)) {
                return new Outcome(Result.LOCKED, 0, row.lockedUntil().toInstant());
            }
            int failed = row.lockedUntil() != null ? 0 : row.failedAttempts();
            if (candidate != null && passwords.matches(candidate, row.payPasswordHash())) {
                if (failed != 0 || row.lockedUntil() != null) {
                    store.attempts(userId, 0, null, now);
                }
                return new Outcome(Result.OK, settings.password().maxAttempts(), null);
            }
            failed++;
            if (failed >= settings.password().maxAttempts()) {
                Instant until = now.plus(settings.password().lockDuration());
                store.attempts(userId, failed, until, now);
                publish(WalletSecurityEvent.Kind.PASSWORD_WRONG, userId, null);
                publish(WalletSecurityEvent.Kind.PASSWORD_LOCKED, userId, null);
                return new Outcome(Result.LOCKED, 0, until);
            }
            store.attempts(userId, failed, null, now);
            publish(WalletSecurityEvent.Kind.PASSWORD_WRONG, userId, null);
            return new Outcome(Result.WRONG, settings.password().maxAttempts() - failed, null);
        });
        switch (outcome.result()) {
            case OK -> {
                // accepted
            }
            case NOT_SET -> throw WalletProblems.refused("payment_password_not_set", "Set a payment password first.");
            case LOCKED -> throw WalletProblems.locked("The payment password is locked after too many wrong attempts "
                    + "until " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(outcome.lockedUntil().atZone(clock.getZone()))
                    + " (China Standard Time); reset it by verifying your identity again.");
            case WRONG -> throw WalletProblems.refused("wrong_payment_password",
                    "Wrong payment password; " + outcome.attemptsLeft() + " attempts left.");
        }
    }

    private enum Result { OK, NOT_SET, LOCKED, WRONG }

    private record Outcome(Result result, int attemptsLeft, Instant lockedUntil) {
    }

    /** Turns password-free small payments on with a per-payment limit, or off. */
    public SecuritySettings passwordFree(long userId, boolean enabled, long limitFen) {
        if (enabled) {
            if (!settings(userId).passwordSet()) {
                throw WalletProblems.refused("payment_password_not_set", "Set a payment password first.");
            }
            long max = settings.limits().passwordFreeMaxPerPaymentFen();
            if (limitFen <= 0 || limitFen > max) {
                throw WalletProblems.invalid("invalid_limit",
                        "A password-free limit is between 0.01 and " + Yuan.format(max) + " CNY per payment.");
            }
        }
        transaction.executeWithoutResult(status -> store.passwordFree(userId, enabled, enabled ? limitFen : 0,
                clock.instant()));
        return settings(userId);
    }

    /**
     * Turns the hardware lock on (binding payments to the device in hand) or off (only from the bound
     * device; from another, re-verify with {@link Verification.Purpose#TRUST_DEVICE} first).
     */
    public SecuritySettings hardwareLock(long userId, String deviceId, boolean on) {
        if (deviceId == null || deviceId.isBlank()) {
            throw WalletProblems.invalid("device_required", "This request must say which device it comes from.");
        }
        requireTrustedDevice(userId, deviceId);
        transaction.executeWithoutResult(status -> {
            store.hardwareLock(userId, on, on ? deviceId : null, clock.instant());
            publish(on ? WalletSecurityEvent.Kind.HARDWARE_LOCK_ON : WalletSecurityEvent.Kind.HARDWARE_LOCK_OFF, userId,
                    deviceId);
        });
        return settings(userId);
    }

    private void publish(WalletSecurityEvent.Kind kind, long userId, String deviceId) {
        events.publishEvent(new WalletSecurityEvent(kind, userId, deviceId, deviceId == null ? "" : "device " + deviceId,
                clock.instant()));
    }

    /** Whether the hardware lock is on and this is not the bound device. */
    public boolean unboundDevice(long userId, String deviceId) {
        return settings(userId).unboundDevice(deviceId);
    }

    /** Under the hardware lock, refuses any device but the bound one. */
    public void requireTrustedDevice(long userId, String deviceId) {
        if (unboundDevice(userId, deviceId)) {
            throw WalletProblems.forbidden("device_not_trusted", "The hardware lock is on and this is not the bound "
                    + "device; verify your identity again (SMS code and ID number) to use this one.");
        }
    }
}
