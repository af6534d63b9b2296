package io.lingqian.api.v3;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.merchant.MerchantAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security filter chain of {@code /v3/**}, ahead of every console chain.
 *
 * <p>A chain of its own rather than a servlet filter and a permitted path: the console chains deny
 * any path they do not know, and with its own chain the API states its rules in one place (no
 * session, no CSRF token since a request is authenticated by its signature alone and carries no
 * cookie, no login page, every path needs a verified signature), while the verified merchant is an
 * ordinary principal that controllers receive with {@code @AuthenticationPrincipal}. The two filters
 * are created here, not as beans, so Boot does not also register them for every path.
 */
@Configuration(proxyBeanMethods = false)
class V3SecurityConfiguration {

    static final String PATHS = "/v3/**";

    @Bean
    @Order(0)
    SecurityFilterChain v3ApiChain(HttpSecurity http, MerchantAccounts merchants, MerchantCredentials credentials,
            PlatformKeys platformKeys, NonceRegistry nonces, SignatureTime time, JsonMapper json) throws Exception {
        V3ErrorWriter errors = new V3ErrorWriter(json);
        http.securityMatcher(PATHS)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .exceptionHandling(refusals -> refusals
                        .authenticationEntryPoint((request, response, e) -> write(errors, response,
                                V3Error.signError("this API needs a WECHATPAY2-SHA256-RSA2048 Authorization header")))
                        .accessDeniedHandler((request, response, e) -> write(errors, response,
                                new V3Error(org.springframework.http.HttpStatus.FORBIDDEN, V3Error.NO_AUTH,
                                        "not allowed for this merchant"))))
                .addFilterBefore(new ResponseSigner(platformKeys, time, errors), DisableEncodeUrlFilter.class)
                .addFilterAfter(new RequestAuthenticator(merchants, credentials, nonces, time, errors),
                        SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(RequestAuthenticator.ROLE));
        return http.build();
    }

    private static void write(V3ErrorWriter errors, jakarta.servlet.http.HttpServletResponse response, V3Error error)
            throws IOException {
        errors.write(response, error);
    }
}
