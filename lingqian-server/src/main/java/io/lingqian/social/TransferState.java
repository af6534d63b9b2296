package io.lingqian.social;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.lingqian.wallet.WalletProblems;

/**
 * A transfer's life: {@code SENT} (held in escrow) until the receiver accepts or returns it, the
 * sender withdraws it before it arrives, or nobody acts before it expires. The last four are final.
 */
public enum TransferState {
    SENT("waiting for the receiver"),
    ACCEPTED("accepted"),
    RETURNED("returned by the receiver"),
    WITHDRAWN("withdrawn by the sender"),
    EXPIRED("expired, returned to the sender");

    private static final Map<TransferState, Set<TransferState>> NEXT = new EnumMap<>(TransferState.class);

    static {
        NEXT.put(SENT, EnumSet.of(ACCEPTED, RETURNED, WITHDRAWN, EXPIRED));
        NEXT.put(ACCEPTED, EnumSet.noneOf(TransferState.class));
        NEXT.put(RETURNED, EnumSet.noneOf(TransferState.class));
        NEXT.put(WITHDRAWN, EnumSet.noneOf(TransferState.class));
        NEXT.put(EXPIRED, EnumSet.noneOf(TransferState.class));
    }

    private final String label;

    TransferState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** The state after this one, or a {@code transfer_<state>} conflict saying why it cannot change. */
    public TransferState next(TransferState target) {
        if (!NEXT.get(this).contains(target)) {
            throw WalletProblems.conflict("transfer_" + name().toLowerCase(), "This transfer is already " + label + ".");
        }
        return target;
    }
}
