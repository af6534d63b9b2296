package io.lingqian.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.internal.DeviceStore;
import io.lingqian.wallet.internal.IdentityStore;

/**
 * Payment codes (付款码, domain-rules.md §5.3): 18 digits starting 10-15, valid one minute, usable
 * once, bound to the user and the device that showed it. Showing a new code retires the previous
 * ones; a code presented after the user moved to another device (under the hardware lock) is refused.
 */
@Service
public class PaymentCodes {

    private final DeviceStore store;
    private final IdentityStore identities;
    private final PaymentSecurity security;
    private final WalletProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PaymentCodes(DeviceStore store, IdentityStore identities, PaymentSecurity security, WalletProperties settings,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.identities = identities;
        this.security = security;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Why {@link #redeem} refused a code, for merchant protocols that name each case (WeChat's err_code). */
    public enum Why { MALFORMED, UNKNOWN, USED, REPLACED, EXPIRED, DEVICE_NOT_TRUSTED }

    /** {@code payment_code_invalid}, with the case. */
    public static final class Refused extends ApiProblemException {

        private final Why why;

        Refused(Why why, HttpStatus status, String detail) {
            super(status, "payment_code_invalid", detail);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /** Whether the text has the shape of a Lingqian payment code. */
    public static boolean isPaymentCode(String text) {
        return text != null && text.matches("1[0-5]\\d{16}");
    }

    /** A fresh code for the user on this device; earlier codes of the user stop working. */
    public PaymentCode issue(long userId, String deviceId) {
        if (identities.identityOf(userId).isEmpty()) {
            throw WalletProblems.refused("not_verified", "Verify your real name before paying with a code.");
        }
        if (!WalletDevices.isDeviceId(deviceId)) {
            throw WalletProblems.invalid("device_required", "A payment code is shown on a device: give its id.");
        }
        if (!security.settings(userId).passwordSet()) {
            throw WalletProblems.refused("payment_password_not_set", "Set a payment password first.");
        }
        security.requireTrustedDevice(userId, deviceId);
        return transaction.execute(status -> {
            store.revokeCodes(userId);
            Instant now = clock.instant();
            Instant expires = now.plus(settings.paymentCode().validity());
            while (true) {
                StringBuilder code = new StringBuilder().append(10 + random.nextInt(6));
                for (int i = 0; i < 16; i++) {
                    code.append(random.nextInt(10));
                }
                if (store.insertCode(code.toString(), userId, deviceId, now, expires)) {
                    return new PaymentCode(code.toString(), userId, deviceId, expires);
                }
            }
        });
    }

    /**
     * Takes a code presented to a merchant: valid only once, before it expires, and while the device
     * that showed it may still pay for its user.
     *
     * @throws Refused {@code payment_code_invalid} saying why
     */
    public PaymentCode redeem(String code) {
        if (!isPaymentCode(code)) {
            throw new Refused(Why.MALFORMED, HttpStatus.BAD_REQUEST, "A payment code is 18 digits starting 10 to 15.");
        }
        DeviceStore.CodeRow row = transaction.execute(status -> {
            DeviceStore.CodeRow found = store.lockCode(code).orElse(null);
            if (found != null && found.status().equals("ACTIVE") && found.expiresAt().toInstant().isAfter(clock.instant())) {
                store.codeStatus(code, "USED");
            }
            return found;
        });
        if (row == null) {
            throw refused(Why.UNKNOWN, "This payment code does not exist.");
        }
        switch (row.status()) {
            case "USED" -> throw refused(Why.USED, "This payment code was used already.");
            case "REVOKED" -> throw refused(Why.REPLACED, "This payment code was replaced by a newer one.");
            default -> {
                // ACTIVE until this call
            }
        }
        if (!row.expiresAt().toInstant().isAfter(clock.instant())) {
            throw refused(Why.EXPIRED, "This payment code has expired.");
        }
        try {
            security.requireTrustedDevice(row.userId(), row.deviceId());
        } catch (RuntimeException e) {
            throw refused(Why.DEVICE_NOT_TRUSTED, "This payment code was shown on a device the user no longer pays from.");
        }
        return new PaymentCode(row.code(), row.userId(), row.deviceId(), row.expiresAt().toInstant());
    }

    private static Refused refused(Why why, String detail) {
        return new Refused(why, HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }
}
