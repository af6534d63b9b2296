package io.lingqian.risk;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lingqian.risk.internal.WalletFeatureSource;

/** The one engine of this instance, with the wallet's query-backed features. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RiskProperties.class)
class RiskConfiguration {

    @Bean
    RiskEngine riskEngine(Clock clock, WalletFeatureSource features) {
        return new RiskEngine(clock, features);
    }
}
