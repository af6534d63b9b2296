package io.lingqian.merchant;

import java.util.Optional;

/**
 * What a merchant pays and when it is paid out.
 *
 * @param rateBasisPoints 60 is 0.6 %
 * @param settlementDays  N of T+N
 * @param category        the merchant's category, once its application names one
 * @param overridden      whether staff set these instead of the category's defaults
 * @param reason          why staff set them; empty for the defaults
 */
public record FeeRate(int rateBasisPoints, int settlementDays, Optional<MerchantCategory> category,
                      boolean overridden, String reason) {

    /** The rate as people write it: "0.6%", "0.38%", "0%". */
    public String percent() {
        return java.math.BigDecimal.valueOf(rateBasisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
