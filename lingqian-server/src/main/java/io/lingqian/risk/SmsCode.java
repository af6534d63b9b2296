package io.lingqian.risk;

import java.time.Instant;

/**
 * An SMS code sent for a challenge, an emergency freeze or an unfreeze request.
 *
 * @param sandboxCode the code itself, only in sandbox mode ({@code lingqian.risk.expose-sms-codes}); else null
 */
public record SmsCode(String id, String maskedMobile, Instant expiresAt, String sandboxCode) {

    @Override
    public String toString() {
        return "SmsCode[" + id + "]";
    }
}
