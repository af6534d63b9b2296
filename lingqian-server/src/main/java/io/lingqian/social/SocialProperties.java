package io.lingqian.social;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.social.*}: the POLICY figures of domain-rules.md §1–2 as configuration.
 */
@ConfigurationProperties("lingqian.social")
public record SocialProperties(@DefaultValue Transfer transfer, @DefaultValue RedPacket redPacket,
                               @DefaultValue("500") int maxGroupMembers) {

    /**
     * @param acceptWithin how long after arrival the receiver may accept before the money returns
     * @param maximumFen   the most one transfer may carry (UNVERIFIED in the sources; the account-class
     *                     and daily limits of the wallet apply on top)
     */
    public record Transfer(@DefaultValue("24h") Duration acceptWithin, @DefaultValue("2000000") long maximumFen) {
    }

    /**
     * @param shareCapFen  the most one share may hold (200 CNY)
     * @param maxShares    the most shares of one group packet
     * @param expiresAfter when the unopened remainder returns to the sender
     * @param specialDays  days with another share cap (the "520" days raised it to 520 CNY)
     */
    public record RedPacket(@DefaultValue("20000") long shareCapFen, @DefaultValue("100") int maxShares,
                            @DefaultValue("24h") Duration expiresAfter,
                            @DefaultValue({"2016-05-20:52000", "2017-02-14:52000"}) List<String> specialDays) {

        /** The share cap on a calendar day: a special day's, or the usual one. */
        public long shareCapOn(LocalDate day) {
            for (String entry : specialDays) {
                int colon = entry.indexOf(':');
                if (colon > 0 && LocalDate.parse(entry.substring(0, colon).strip()).equals(day)) {
                    return Long.parseLong(entry.substring(colon + 1).strip());
                }
            }
            return shareCapFen;
        }
    }
}
