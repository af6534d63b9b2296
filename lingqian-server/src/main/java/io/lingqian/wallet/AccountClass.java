package io.lingqian.wallet;

/**
 * Payment account classes (PBOC No. 43, Art. 11): how strongly the holder's identity is verified,
 * which bounds what the balance may pay. {@link #NONE} is an account without real-name verification:
 * it may receive but pays nothing from its balance.
 */
public enum AccountClass {
    NONE,
    I,
    II,
    III;

    /** The class the number of verification channels earns under the configured thresholds. */
    public static AccountClass forChannels(int channels, WalletProperties.Limits limits) {
        if (channels >= limits.classThreeChannels()) {
            return III;
        }
        if (channels >= limits.classTwoChannels()) {
            return II;
        }
        return channels >= 1 ? I : NONE;
    }

    /** Whether the class limit counts since opening (Class I) rather than per calendar year. */
    public boolean lifetimeLimit() {
        return this == I;
    }

    public long limitFen(WalletProperties.Limits limits) {
        return switch (this) {
            case NONE -> 0;
            case I -> limits.classOneLifetimeFen();
            case II -> limits.classTwoYearlyFen();
            case III -> limits.classThreeYearlyFen();
        };
    }
}
