package io.lingqian.demoshop;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The shop is open to anyone, like a real shop's pages: its own chain, with no sign-in. Its forms
 * carry a CSRF token; its notify endpoint does not (Lingqian's signature is the proof there).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoShopProperties.class)
class DemoShopConfiguration {

    @Bean
    @Order(4)
    SecurityFilterChain demoShopChain(HttpSecurity http) throws Exception {
        http.securityMatcher(DemoShopController.BASE, DemoShopController.BASE + "/**")
                .csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults()
                        .matcher(DemoShopController.NOTIFY)))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}
