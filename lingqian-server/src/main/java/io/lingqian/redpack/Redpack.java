package io.lingqian.redpack;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's red packet as sent, with its shares.
 *
 * @param sendListid the platform's number for it (WeChat's {@code send_listid}/{@code detail_id}); also
 *                   the packet's id in the wallet, long and random so a group packet's link cannot be guessed
 * @param userId     the addressed user ({@code re_openid}); for a group packet, the first recipient
 * @param group      sent with {@code sendgroupredpack} ({@code hb_type=GROUP})
 */
public record Redpack(long id, long merchantId, String mchBillno, String sendListid, String wxappid, String reOpenid,
                      long userId, boolean group, long totalFen, int totalNum, String sendName, String wishing,
                      String actName, String remark, RedpackStatus status, Instant sentAt, Instant expiresAt,
                      Instant refundedAt, Long refundFen, List<RedpackShare> shares) {

    public long openedFen() {
        return shares.stream().filter(RedpackShare::opened).mapToLong(RedpackShare::amountFen).sum();
    }

    /** The share this user opened, if any. */
    public java.util.Optional<RedpackShare> shareOf(long user) {
        return shares.stream().filter(s -> s.userId() != null && s.userId() == user).findFirst();
    }
}
