package io.lingqian.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.FreezeStore;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletUsers;

/**
 * The risk context's SMS codes (six digits, a hash stored, valid {@code code-validity}, failed after
 * {@code code-attempts} wrong tries). No SMS is sent in this build: in sandbox mode the code is
 * answered to the caller, as the simulated bank does. Codes are never logged.
 */
@Component
class SmsCodes {

    enum Purpose {
        CHALLENGE, EMERGENCY_FREEZE, UNFREEZE
    }

    enum Outcome {
        CONFIRMED, WRONG, FAILED
    }

    private final FreezeStore store;
    private final WalletUsers users;
    private final RiskProperties settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SmsCodes(FreezeStore store, WalletUsers users, RiskProperties settings, Clock clock) {
        this.store = store;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
    }

    /** Issues a code for the user's registered mobile number; runs in the caller's transaction. */
    SmsCode issue(Purpose purpose, long userId, String fingerprint) {
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = purpose.name().substring(0, 2).toLowerCase(java.util.Locale.ROOT) + "_" + HexFormat.of().formatHex(idBytes);
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = clock.instant();
        Instant expires = now.plus(settings.codeValidity());
        store.insertVerification(id, purpose.name(), userId, fingerprint, hash(id, code), now, expires);
        String mobile = users.byId(userId).map(u -> WalletDevices.maskMobile(u.mobile())).orElse("?");
        return new SmsCode(id, mobile, expires, settings.exposeSmsCodes() ? code : null);
    }

    /**
     * Checks a code; a wrong one is counted in the caller's transaction, which must commit even when
     * the request is then refused.
     */
    Outcome confirm(Purpose purpose, String id, Long userId, String code, FreezeStore.VerificationRow row) {
        Instant now = clock.instant();
        if (!row.purpose().equals(purpose.name()) || (userId != null && row.userId() != userId)) {
            throw new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such verification.");
        }
        if (!row.state().equals("PENDING")) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "verification_closed",
                    "This code was used or has failed; start again.");
        }
        if (!now.isBefore(row.expiresAt().toInstant())) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "verification_expired",
                    "The SMS code has expired; start again.");
        }
        if (code != null && code.strip().matches("\\d{6}")
                && MessageDigest.isEqual(hash(id, code.strip()).getBytes(StandardCharsets.US_ASCII),
                        row.codeHash().getBytes(StandardCharsets.US_ASCII))) {
            store.verificationAttempt(id, row.attempts(), "CONFIRMED", now);
            return Outcome.CONFIRMED;
        }
        int attempts = row.attempts() + 1;
        boolean failed = attempts >= settings.codeAttempts();
        store.verificationAttempt(id, attempts, failed ? "FAILED" : "PENDING", now);
        return failed ? Outcome.FAILED : Outcome.WRONG;
    }

    int attemptsLeft(FreezeStore.VerificationRow row) {
        return Math.max(0, settings.codeAttempts() - row.attempts() - 1);
    }

    private static String hash(String id, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((id + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is on every JDK", e);
        }
    }
}
