package io.lingqian.care;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.care.*} settings.
 *
 * @param yearlyCompensationCapFen what one user can be paid in compensation per calendar year (China
 *                                 Standard Time): 百万保障, 1,000,000 CNY (domain rules §5.6)
 * @param complaintReplyWithin     a merchant's first reply to a complaint is due this long after it
 *                                 was made: 24 h (domain rules §8)
 * @param complaintResolveWithin   a complaint must be resolved this long after it was made: 72 h
 * @param ticketFirstAnswerWithin  staff owe a support ticket its first answer within this
 * @param overdueInterval          how often the job looks for complaints past a deadline
 */
@ConfigurationProperties("lingqian.care")
public record CareProperties(@DefaultValue("100000000") long yearlyCompensationCapFen,
                             @DefaultValue("24h") Duration complaintReplyWithin,
                             @DefaultValue("72h") Duration complaintResolveWithin,
                             @DefaultValue("4h") Duration ticketFirstAnswerWithin,
                             @DefaultValue("5m") Duration overdueInterval) {

    public CareProperties {
        if (yearlyCompensationCapFen <= 0) {
            throw new IllegalArgumentException("lingqian.care.yearly-compensation-cap-fen must be positive");
        }
        if (!positive(complaintReplyWithin) || !positive(complaintResolveWithin)
                || !positive(ticketFirstAnswerWithin) || !positive(overdueInterval)) {
            throw new IllegalArgumentException("lingqian.care durations must be positive");
        }
        if (complaintResolveWithin.compareTo(complaintReplyWithin) < 0) {
            throw new IllegalArgumentException("lingqian.care.complaint-resolve-within must not be shorter than the reply deadline");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
