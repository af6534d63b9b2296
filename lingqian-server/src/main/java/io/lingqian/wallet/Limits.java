package io.lingqian.wallet;

/**
 * What the user's balance may still pay: the account-class limit (lifetime for Class I, this calendar
 * year for II and III, per person across their accounts) and today's limits, with what is left of each.
 */
public record Limits(AccountClass accountClass, boolean lifetime, long classLimitFen, long classUsedFen,
                     long dailyLimitFen, long dailyUsedFen, long passwordFreeDailyLimitFen,
                     long passwordFreeDailyUsedFen, int passwordFreeDailyCount, int passwordFreeDailyCountUsed,
                     long withdrawalFreeQuotaFen, long withdrawalFreeLeftFen) {

    public long classLeftFen() {
        return Math.max(0, classLimitFen - classUsedFen);
    }

    public long dailyLeftFen() {
        return Math.max(0, dailyLimitFen - dailyUsedFen);
    }

    public long passwordFreeDailyLeftFen() {
        return Math.max(0, passwordFreeDailyLimitFen - passwordFreeDailyUsedFen);
    }
}
