package io.lingqian.redpack;

import java.time.Instant;

/**
 * One share of a red packet (a normal packet has one): its amount, fixed when sent, and who opened it.
 *
 * @param openid the opener's openid under the packet's wxappid, as {@code gethbinfo} lists it
 */
public record RedpackShare(int position, long amountFen, Long userId, String openid, Instant openedAt) {

    public boolean opened() {
        return openedAt != null;
    }
}
