package io.lingqian.api.v2;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security filter chain of the v2 API ({@code /pay/**}, {@code /secapi/**}, {@code /mmpaymkttransfers/**}), ahead of the console
 * chains (which deny paths they do not know). A v2 request is authenticated by the signature inside
 * its XML body, so the chain lets every request through to the controller, which checks it
 * ({@link V2Exchange}); no session, no CSRF token (no cookie is involved), no login page.
 */
@Configuration(proxyBeanMethods = false)
class V2SecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain v2ApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/pay/**", "/secapi/**", "/mmpaymkttransfers/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}
