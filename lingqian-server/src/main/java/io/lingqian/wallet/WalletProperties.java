package io.lingqian.wallet;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.wallet.*}: the wallet's policies. Defaults are the figures of
 * domain-rules.md §3–§5; where that document marks a rule POLICY or UNVERIFIED it is set here.
 */
@ConfigurationProperties("lingqian.wallet")
public record WalletProperties(@DefaultValue Limits limits, @DefaultValue Withdrawal withdrawal,
                               @DefaultValue Password password, @DefaultValue Cards cards,
                               @DefaultValue PaymentCode paymentCode, @DefaultValue Sessions sessions,
                               @DefaultValue TopUp topUp) {

    /**
     * Account classes (LAW, PBOC No. 43 Art. 11 and 24).
     *
     * @param classTwoChannels          verification channels (banks whose four-element check passed) for Class II
     * @param classThreeChannels        channels for Class III
     * @param classOneLifetimeFen       Class I: balance payments since opening, all of the person's accounts
     * @param classTwoYearlyFen         Class II: balance payments per calendar year
     * @param classThreeYearlyFen       Class III: balance payments per calendar year
     * @param dailyFen                  two factors without a certificate: per day across the person's accounts
     * @param passwordFreeDailyFen      fewer than two factors (password-free): per day
     * @param passwordFreeDailyCount    password-free payments per day (POLICY, 10 in the mainland doc)
     * @param passwordFreeMaxPerPaymentFen the highest per-payment password-free limit a user may choose
     * @param withdrawalsCount          whether withdrawals to the holder's own card count; the law excludes them
     */
    public record Limits(@DefaultValue("3") int classTwoChannels, @DefaultValue("5") int classThreeChannels,
                         @DefaultValue("100000") long classOneLifetimeFen,
                         @DefaultValue("10000000") long classTwoYearlyFen,
                         @DefaultValue("20000000") long classThreeYearlyFen,
                         @DefaultValue("500000") long dailyFen,
                         @DefaultValue("100000") long passwordFreeDailyFen,
                         @DefaultValue("10") int passwordFreeDailyCount,
                         @DefaultValue("100000") long passwordFreeMaxPerPaymentFen,
                         @DefaultValue("false") boolean withdrawalsCount) {
    }

    /**
     * The withdrawal fee from 2016-03-01 (POLICY, domain-rules.md §3).
     *
     * @param freeQuotaFen      lifetime free amount per identity
     * @param feeRateBasisPoints fee on the amount beyond the quota, in 1/10,000 (10 = 0.1 %)
     * @param minimumFeeFen     the least fee of a withdrawal that pays one
     * @param maximumFen        the largest single withdrawal
     */
    public record Withdrawal(@DefaultValue("100000") long freeQuotaFen, @DefaultValue("10") long feeRateBasisPoints,
                             @DefaultValue("10") long minimumFeeFen, @DefaultValue("5000000") long maximumFen) {
    }

    /**
     * @param maximumFen      the largest single top-up
     * @param allowCreditCards whether a credit card may top up the balance (deny by default: cash-out risk)
     */
    public record TopUp(@DefaultValue("5000000") long maximumFen, @DefaultValue("false") boolean allowCreditCards) {
    }

    /** The payment password's lockout (UNVERIFIED in the sources: configuration). */
    public record Password(@DefaultValue("5") int maxAttempts, @DefaultValue("3h") Duration lockDuration) {
    }

    /**
     * Binding limits (POLICY, domain-rules.md §4.5).
     *
     * @param verificationValidity how long a started four-element check may be confirmed
     */
    public record Cards(@DefaultValue("10") int maxCardsPerUser, @DefaultValue("3") int maxUsersPerCard,
                        @DefaultValue("10") int maxUsersPerIdentity,
                        @DefaultValue("10m") Duration verificationValidity) {
    }

    /** Payment codes are valid one minute and usable once (POLICY, WeChat's 2019 statement). */
    public record PaymentCode(@DefaultValue("60s") Duration validity) {
    }

    /**
     * Bearer tokens of the wallet API.
     *
     * @param tokenValidity how long a token is valid from sign-in
     * @param cacheFor      how long an instance may keep answering "valid" for a token from memory
     *                      without asking the database again: the longest a sign-out on another
     *                      instance may go unseen here (a sign-out on this instance counts at once);
     *                      0 turns the cache off
     * @param cacheSize     the most tokens kept in memory
     */
    public record Sessions(@DefaultValue("30d") Duration tokenValidity, @DefaultValue("30s") Duration cacheFor,
                           @DefaultValue("10000") int cacheSize) {
    }
}
