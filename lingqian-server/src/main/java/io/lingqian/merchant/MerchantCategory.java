package io.lingqian.merchant;

/**
 * The industry a merchant trades in, and with it the default fee rate, settlement cycle and
 * single-payment cap of WeChat Pay's settlement-rule table (domain-rules.md §6.3). Rates are in
 * basis points (1/100 of a percent): 60 is 0.6 %. The 0.38 % seen in acquirers' offers is not a
 * default anywhere in that table; staff can set it per merchant as a negotiated rate.
 */
public enum MerchantCategory {
    RETAIL("Retail", 60, 1, 0),
    CATERING("Catering", 60, 1, 0),
    ECOMMERCE("E-commerce", 60, 1, 0),
    TRANSPORT("Transport", 60, 1, 0),
    SERVICES("Services", 60, 1, 0),
    PRIVATE_CLINIC("Private clinic", 60, 1, 0),
    TRAINING("Training", 60, 1, 0),
    INSURANCE("Insurance", 60, 1, 0),
    CROWDFUNDING("Crowdfunding", 60, 3, 0),
    FINANCIAL_INFORMATION("Financial information, stock tips", 60, 7, 3_000_00),
    MATCHMAKING_JOBS_TOPUP("Matchmaking, job boards, phone top-up agents", 60, 7, 3_000_00),
    DIGITAL_CONTENT("Online books, video, music, games, live streaming, portals, advertising, software", 100, 7,
            3_000_00),
    FUEL("Fuel", 30, 1, 0),
    LOGISTICS("Logistics", 30, 1, 0),
    PRIVATE_SCHOOL("Private primary and secondary schools, kindergartens", 30, 1, 0),
    UTILITIES("Utilities: water, power, gas, heating", 20, 1, 0),
    CREDIT_REPAYMENT("Credit repayment services", 20, 1, 0),
    TRAFFIC_FINES("Traffic fines (government)", 10, 1, 0),
    PUBLIC_HOSPITAL("Public hospital", 0, 1, 0),
    PUBLIC_SCHOOL("Public school", 0, 1, 0),
    PRIVATE_UNIVERSITY("Private university", 0, 1, 0),
    CHARITY("Charitable foundation", 0, 1, 0);

    private final String displayName;
    private final int rateBasisPoints;
    private final int settlementDays;
    private final long singlePaymentLimitFen;

    MerchantCategory(String displayName, int rateBasisPoints, int settlementDays, long singlePaymentLimitFen) {
        this.displayName = displayName;
        this.rateBasisPoints = rateBasisPoints;
        this.settlementDays = settlementDays;
        this.singlePaymentLimitFen = singlePaymentLimitFen;
    }

    public String displayName() {
        return displayName;
    }

    /** The default fee rate, in basis points. */
    public int rateBasisPoints() {
        return rateBasisPoints;
    }

    /** N of T+N: takings of day D are paid out on day D+N. */
    public int settlementDays() {
        return settlementDays;
    }

    /** The largest single payment the settlement rule allows, in fen; 0 when there is none. */
    public long singlePaymentLimitFen() {
        return singlePaymentLimitFen;
    }
}
