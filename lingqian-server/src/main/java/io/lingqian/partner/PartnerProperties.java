package io.lingqian.partner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service-provider model ({@code lingqian.partner.*}).
 *
 * @param commissionBasisPoints the provider's share of its sub-merchants' fee income, in basis points of
 *                              the fee (2000 = 20 % of the fee), credited at each sub-merchant settlement
 */
@ConfigurationProperties("lingqian.partner")
public record PartnerProperties(@DefaultValue("2000") int commissionBasisPoints) {

    public PartnerProperties {
        if (commissionBasisPoints < 0 || commissionBasisPoints > 10_000) {
            throw new IllegalArgumentException("lingqian.partner.commission-basis-points must be 0 to 10000, not "
                    + commissionBasisPoints);
        }
    }
}
