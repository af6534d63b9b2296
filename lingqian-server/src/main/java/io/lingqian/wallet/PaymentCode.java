package io.lingqian.wallet;

import java.time.Instant;

/** A payment code (付款码): 18 digits starting 10-15, single use, valid until {@code expiresAt}. */
public record PaymentCode(String code, long userId, String deviceId, Instant expiresAt) {

    @Override
    public String toString() {
        return "PaymentCode[" + code.substring(0, 2) + "…, user " + userId + "]";
    }
}
