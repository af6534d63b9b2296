package io.lingqian.risk;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import io.lingqian.platform.ApiProblemException;

/**
 * Part of a wallet's balance held by risk control: a pending ledger transfer from the wallet to
 * {@code platform:risk_hold} ({@code risk-hold:<id>}), so the amount cannot be spent while the rest can.
 * It ends RELEASED (staff) or EXPIRED (its expiry passed); either voids the pending transfer and the
 * money is available again. A hold never moves money to anyone.
 */
public record AmountHold(long id, long userId, long amountFen, State state, String reason, String actor,
                         Instant createdAt, Instant expiresAt, Instant endedAt, String endedBy) {

    public enum State {
        ACTIVE, RELEASED, EXPIRED;

        private static final Map<State, Set<State>> NEXT = Map.of(
                ACTIVE, EnumSet.of(RELEASED, EXPIRED),
                RELEASED, EnumSet.noneOf(State.class),
                EXPIRED, EnumSet.noneOf(State.class));

        /** The transition, or {@code hold_ended} (409) when this hold already ended. */
        public State next(State target) {
            if (!NEXT.get(this).contains(target)) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "hold_ended",
                        "This hold is " + this + " already; it cannot become " + target + ".");
            }
            return target;
        }
    }

    /** The ledger's id of the hold's pending transfer. */
    public String transferId() {
        return transferId(id);
    }

    static String transferId(long id) {
        return "risk-hold:" + id;
    }
}
