package io.lingqian.platform;

import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import io.lingqian.clock.AdjustableClock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LingqianProperties.class)
class PlatformConfiguration {

    /** Business days, settlement cut-offs and bills follow China Standard Time. */
    static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    private static final String PBKDF2 = "pbkdf2@SpringSecurity_v5_8";

    /**
     * The one clock. It is also the only {@link java.time.Clock} bean, so a component that asks for
     * a plain {@code Clock} gets this one and moves when the sandbox moves time.
     */
    @Bean
    AdjustableClock clock() {
        return AdjustableClock.system(PLATFORM_ZONE);
    }

    /**
     * PBKDF2 (slow and salted; Argon2 would need BouncyCastle) for new hashes. The hash carries its
     * algorithm id, so a later switch re-hashes on sign-in without invalidating existing passwords.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(PBKDF2, Map.of(
                PBKDF2, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /** First of all filters, so that even a security refusal carries the request id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
