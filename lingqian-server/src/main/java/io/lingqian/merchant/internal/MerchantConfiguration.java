package io.lingqian.merchant.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import io.lingqian.merchant.MerchantProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MerchantProperties.class)
class MerchantConfiguration {
}
