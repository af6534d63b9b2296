package io.lingqian.payout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.payout.*} limits (domain rules §6.5, the 2019 figures of 企业付款).
 *
 * @param minimumFen          the smallest payout (0.30 CNY in the later documents)
 * @param userDailyFen        what one merchant may pay one user per China day
 * @param userDailyCount      how many payouts one merchant may make to one user per China day
 * @param merchantDailyFen    what one merchant may pay out per China day, to everybody
 * @param maxBatchDetails     the most details in one transfer batch
 */
@ConfigurationProperties("lingqian.payout")
public record PayoutProperties(@DefaultValue("30") long minimumFen, @DefaultValue("500000") long userDailyFen,
                               @DefaultValue("10") int userDailyCount, @DefaultValue("10000000") long merchantDailyFen,
                               @DefaultValue("1000") int maxBatchDetails) {
}
