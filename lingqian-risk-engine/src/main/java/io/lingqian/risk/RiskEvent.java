package io.lingqian.risk;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to move money (or to change how it may be moved), as the engine sees it.
 *
 * @param key          identifies the attempt (a payment's transaction id, a request id): the same
 *                     attempt evaluated twice (a preview, a retry after a challenge) is counted once
 * @param deviceId     the device it comes from, or null
 * @param amountFen    0 for actions that move no money
 * @param merchantId   the merchant paid, or null
 * @param payeeUserId  the user paid (transfer, one-to-one red packet), or null
 * @param cardKey      the blind index of the bank card involved, or null
 * @param at           when it happened (for rebuilding the counters from stored events)
 */
public record RiskEvent(String key, RiskAction action, long userId, String deviceId, long amountFen, Long merchantId,
                        Long payeeUserId, String cardKey, boolean passwordFree, Instant at) {

    public RiskEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        if (amountFen < 0) {
            throw new IllegalArgumentException("an amount is not negative");
        }
    }

    /** The counterparty as one key: {@code m<merchantId>} or {@code u<userId>}, or null. */
    public String payeeKey() {
        if (merchantId != null) {
            return "m" + merchantId;
        }
        return payeeUserId == null ? null : "u" + payeeUserId;
    }
}
