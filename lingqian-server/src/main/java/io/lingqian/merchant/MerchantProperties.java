package io.lingqian.merchant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.lingqian.accounting.PartnerBank;

/**
 * The {@code lingqian.merchant.*} settings.
 *
 * @param depositFen         the deposit a merchant pays before activation; 0 (the default) since
 *                           WeChat Pay dropped its 20,000 CNY deposit on 2014-09-13
 * @param bank               the partner bank deposits arrive at and settlements are paid from
 * @param settlementInterval how often the settlement job looks for due settlements and retries
 * @param authorizationCodeTtl how long a web authorisation code may be exchanged
 */
@ConfigurationProperties("lingqian.merchant")
public record MerchantProperties(@DefaultValue("0") long depositFen, @DefaultValue("ICBC") PartnerBank bank,
                                 @DefaultValue("10m") Duration settlementInterval,
                                 @DefaultValue("5m") Duration authorizationCodeTtl) {

    public MerchantProperties {
        if (depositFen < 0) {
            throw new IllegalArgumentException("lingqian.merchant.deposit-fen cannot be negative");
        }
    }
}
