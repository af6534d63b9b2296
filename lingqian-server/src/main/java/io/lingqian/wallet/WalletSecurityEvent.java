package io.lingqian.wallet;

import java.time.Instant;

/**
 * Something that changed or tested a wallet's security, published in the transaction that recorded
 * it (the audit log and the risk engine listen). Never carries a password, a code or a card number.
 *
 * @param userId the wallet, or null for a failed sign-in to an unknown mobile number
 * @param detail a short description for the audit log (a masked mobile number, a device id)
 */
public record WalletSecurityEvent(Kind kind, Long userId, String deviceId, String detail, Instant at) {

    public enum Kind {
        PASSWORD_SET, PASSWORD_CHANGED, PASSWORD_WRONG, PASSWORD_LOCKED, PASSWORD_RESET, DEVICE_TRUSTED,
        HARDWARE_LOCK_ON, HARDWARE_LOCK_OFF, CARD_BOUND, LOGIN_FAILED;

        /** Whether this kind changes who can pay: the risk engine watches the time since the last one. */
        public boolean changesCredentials() {
            return this == PASSWORD_CHANGED || this == PASSWORD_RESET || this == DEVICE_TRUSTED;
        }
    }
}
