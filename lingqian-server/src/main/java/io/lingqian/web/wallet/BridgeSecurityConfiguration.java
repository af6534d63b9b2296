package io.lingqian.web.wallet;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The chain of {@code /jsapi/**}: the bridge script merchant pages include, and the check of their
 * payment parameters, called from any merchant's origin (CORS, without cookies). Nothing here needs a
 * signed-in user or moves money: the cashier it leads to is a wallet page behind the wallet's own chain.
 */
@Configuration(proxyBeanMethods = false)
class BridgeSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain jsapiBridgeChain(HttpSecurity http) throws Exception {
        CorsConfiguration anyPage = new CorsConfiguration();
        anyPage.setAllowedOriginPatterns(List.of("*"));
        anyPage.setAllowedMethods(List.of("GET", "POST"));
        anyPage.setAllowedHeaders(List.of("Content-Type"));
        anyPage.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
        cors.registerCorsConfiguration("/jsapi/**", anyPage);
        http.securityMatcher("/jsapi/**")
                .cors(c -> c.configurationSource(cors))
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
