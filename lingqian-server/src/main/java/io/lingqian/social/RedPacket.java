package io.lingqian.social;

import java.time.Instant;
import java.util.List;

/**
 * A red packet as a member or the sender sees it. {@code seed} is null while the packet is open and
 * revealed once it is finished or expired, so the lucky shares can be recomputed ({@link LuckySplit}).
 */
public record RedPacket(long id, long senderId, String senderName, RedPacketKind kind, Long groupId, String groupName,
                        Long receiverId, long totalFen, int shares, long shareCapFen, String greeting,
                        String clientRequestId, RedPacketState state, int openedCount, long openedFen,
                        long refundedFen, String seedHash, String seed, Instant createdAt, Instant expiresAt,
                        Instant finishedAt, List<Share> opened) {

    public String reference() {
        return reference(id);
    }

    public static String reference(long id) {
        return "redpacket:" + id;
    }

    /** What a person sees on the packet. */
    public String status() {
        return switch (state) {
            case OPEN -> (shares - openedCount) + " of " + shares + " left";
            case FINISHED -> "all taken";
            case EXPIRED -> refundedFen > 0 ? "expired, " + io.lingqian.wallet.Yuan.format(refundedFen)
                    + " CNY returned to the sender" : "expired";
        };
    }

    /** The share {@code userId} opened, if any. */
    public java.util.Optional<Share> shareOf(long userId) {
        return opened.stream().filter(s -> s.userId() == userId).findFirst();
    }
}
