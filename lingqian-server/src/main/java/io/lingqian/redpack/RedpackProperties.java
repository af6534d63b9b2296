package io.lingqian.redpack;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.redpack.*}: the limits of domain-rules §7.4 and reference §5.3 as configuration.
 *
 * @param minFen             the least one packet (or one share of a group packet) may hold: 1 CNY
 * @param maxFen             the most one normal packet may hold, and the most of a group packet's average
 *                           share: 200 CNY
 * @param groupShareMaxFen   the most one share of a group packet may hold: 1,000 CNY (old doc)
 * @param groupMinNum        a group packet has at least this many shares (3)
 * @param groupMaxNum        and at most this many (20)
 * @param userDailyCount     packets of one merchant one user may receive per day (China time): 10
 * @param userDailyFen       amount of one merchant one user may receive per day: 1,000 CNY
 * @param merchantDailyFen   amount one merchant may send per day: 1,000,000 CNY
 * @param merchantPerMinute  packets one merchant may send per minute: 1,800
 * @param expiresAfter       when an unopened packet (or a group packet's unopened shares) returns to the merchant
 */
@ConfigurationProperties("lingqian.redpack")
public record RedpackProperties(@DefaultValue("100") long minFen, @DefaultValue("20000") long maxFen,
                                @DefaultValue("100000") long groupShareMaxFen, @DefaultValue("3") int groupMinNum,
                                @DefaultValue("20") int groupMaxNum, @DefaultValue("10") int userDailyCount,
                                @DefaultValue("100000") long userDailyFen,
                                @DefaultValue("100000000") long merchantDailyFen,
                                @DefaultValue("1800") int merchantPerMinute,
                                @DefaultValue("24h") Duration expiresAfter) {
}
