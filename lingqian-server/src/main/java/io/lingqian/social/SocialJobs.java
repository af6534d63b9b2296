package io.lingqian.social;

import org.springframework.stereotype.Service;

/** The social context's background work, which tests (and the schedule) run by hand. */
@Service
public class SocialJobs {

    /** What one run did. */
    public record Run(int transfersExpired, int packetsExpired, int sharesCredited) {
    }

    private final Transfers transfers;
    private final RedPackets packets;

    SocialJobs(Transfers transfers, RedPackets packets) {
        this.transfers = transfers;
        this.packets = packets;
    }

    /**
     * Marks transfers past their time to accept as expired (the ledger's sweeper voids their holds),
     * returns the remainder of expired red packets, and credits shares a crash left uncredited.
     */
    public Run run() {
        int credited = packets.creditLeftovers();
        return new Run(transfers.expire(), packets.expire(), credited);
    }
}
