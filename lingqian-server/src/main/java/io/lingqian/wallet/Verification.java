package io.lingqian.wallet;

import java.time.Instant;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;

/**
 * A four-element check started at the bank, waiting for the SMS code.
 *
 * @param sandboxSmsCode the code the simulated bank "sent", shown in sandbox mode only; null otherwise
 */
public record Verification(String id, Purpose purpose, PartnerBank bank, CardType cardType, String lastFour,
                           String maskedPhone, Instant expiresAt, String sandboxSmsCode) {

    public enum Purpose {
        /** Bind a card; the first one also verifies the user's real name. */
        BIND_CARD,
        /** Prove the identity again to set a new payment password (also lifts a lockout). */
        RESET_PASSWORD,
        /** Prove the identity again to move the hardware lock to the device in hand. */
        TRUST_DEVICE
    }

    @Override
    public String toString() {
        return "Verification[" + id + " " + purpose + "]";
    }
}
