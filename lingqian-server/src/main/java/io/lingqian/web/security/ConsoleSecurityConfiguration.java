package io.lingqian.web.security;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.ApiPaths;
import io.lingqian.platform.security.ApiSecurityProblems;
import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUsers;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.web.wallet.WalletTokenFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain per audience, chosen by path, each with its own user store, login page and
 * session slot, so signing in to one console never signs you in to another:
 *
 * <ol>
 * <li>wallet users: {@code /wallet/**}, {@code /api/wallet/**}, by mobile number, and the page where
 *     they confirm a merchant's web authorisation ({@code /connect/oauth2/**});
 * <li>merchant portal users: {@code /merchant/**} (including {@code /merchant/api/**}), by email;
 * <li>staff: {@code /admin/**} (including {@code /admin/api/**}, which also takes HTTP Basic);
 * <li>actuator: health and prometheus public, the rest for ADMIN staff over HTTP Basic;
 * <li>everything else: the landing page, static assets and the web authorisation's code exchange
 *     ({@code /sns/oauth2/access_token}, server to server, authenticated by appid and app secret)
 *     are public, any other path is refused.
 * </ol>
 *
 * Finer rules ("FINANCE only") go on controller methods with {@code @PreAuthorize("hasRole('FINANCE')")}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ConsoleSecurityConfiguration {

    /** Failed and successful sign-ins are published as Spring Security's events (the audit log records failures). */
    private final org.springframework.security.authentication.AuthenticationEventPublisher signInEvents;

    ConsoleSecurityConfiguration(org.springframework.context.ApplicationEventPublisher events) {
        this.signInEvents = new org.springframework.security.authentication.DefaultAuthenticationEventPublisher(events);
    }

    /** Each staff role, as {@code hasAnyRole} wants them. */
    private static final String[] STAFF_ROLES = java.util.Arrays.stream(StaffRole.values())
            .map(StaffRole::name).toArray(String[]::new);

    /**
     * No Micrometer observation per security filter and per authorization decision (Spring Security
     * opens a timer around each of the chain's dozen filters on every request once actuator is on the
     * class path): in a profile of the red packet storm they were a noticeable share of every request's
     * CPU, and nothing reads them. Requests are still timed whole ({@code http.server.requests}), and
     * failed sign-ins are still published as events.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ApiSecurityProblems apiSecurityProblems(JsonMapper json) {
        return new ApiSecurityProblems(json);
    }

    @Bean
    @Order(1)
    SecurityFilterChain walletChain(HttpSecurity http, WalletUsers users, WalletDevices devices,
            PasswordEncoder passwords, ApiSecurityProblems problems) throws Exception {
        // Registration and API sign-in are open; API clients then authenticate each call with a bearer
        // token, which (like Basic) a cross-site form cannot send, so such calls need no CSRF token.
        RequestMatcher open = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/wallet/register"),
                // with any query, such as ?registered (form login permits only ?error and ?logout)
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/wallet/login"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/wallet/users"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/wallet/sessions"),
                // emergency freeze (紧急冻结): whoever lost the phone is not signed in
                PathPatternRequestMatcher.withDefaults().matcher("/wallet/emergency-freeze"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/wallet/emergency-freezes"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                        "/api/wallet/emergency-freezes/{id}/confirm"));
        console(http, Audience.WALLET, "/wallet", "mobile", ApiPaths.WALLET,
                signIn(Audience.WALLET, users::signInAccount, passwords), problems)
                // /connect/oauth2: a merchant's page asks the signed-in wallet user to share their openid
                .securityMatcher("/wallet/**", ApiPaths.WALLET, "/connect/oauth2/**")
                .addFilterBefore(new WalletTokenFilter(devices), UsernamePasswordAuthenticationFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(WalletTokenFilter::hasBearerToken,
                        new AndRequestMatcher(ApiPaths.matcher(ApiPaths.WALLET), open)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(open).permitAll()
                        .anyRequest().hasRole(Audience.WALLET.role()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain merchantChain(HttpSecurity http, MerchantAccounts accounts, PasswordEncoder passwords,
            ApiSecurityProblems problems) throws Exception {
        console(http, Audience.MERCHANT, "/merchant", "email", ApiPaths.MERCHANT,
                signIn(Audience.MERCHANT, accounts::signInAccount, passwords), problems)
                .securityMatcher("/merchant/**")
                .authorizeHttpRequests(requests -> requests
                        // The login page's own permit matches its URL with the query exactly; ?signedUp is ours.
                        .requestMatchers("/merchant/signup", "/merchant/login").permitAll()
                        // An applyment's sign link: its unguessable token is the legal person's only credential.
                        .requestMatchers("/merchant/applyment/sign/**").permitAll()
                        .anyRequest().hasRole(Audience.MERCHANT.role()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain adminChain(HttpSecurity http, StaffUsers staff, PasswordEncoder passwords,
            ApiSecurityProblems problems) throws Exception {
        console(http, Audience.STAFF, "/admin", "username", ApiPaths.ADMIN,
                signIn(Audience.STAFF, staff::signInAccount, passwords), problems)
                .securityMatcher("/admin/**")
                // Scripts and other machines call the admin API with HTTP Basic; such a request is
                // authenticated by its own header and leaves no session behind.
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(ApiPaths.ADMIN).hasAnyRole(STAFF_ROLES)
                        .anyRequest().hasRole(Audience.STAFF.role()));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain actuatorChain(HttpSecurity http, StaffUsers staff, PasswordEncoder passwords,
            ApiSecurityProblems problems) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authenticationManager(signIn(Audience.STAFF, staff::signInAccount, passwords))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .anyRequest().hasRole(StaffRole.ADMIN.name()));
        return http.build();
    }

    /** Deny by default: a new page is unreachable until a chain above claims its path. */
    @Bean
    @Order(5)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico")
                .permitAll()
                // merchants' servers exchange a web-authorisation code for an openid (appid + secret)
                .requestMatchers(HttpMethod.GET, "/sns/oauth2/access_token").permitAll()
                // a constant answer: the benchmark's HTTP ceiling (io.lingqian.platform.PingController)
                .requestMatchers(HttpMethod.GET, "/ping").permitAll()
                // the OpenAPI document and Swagger UI of the wallet API
                .requestMatchers(HttpMethod.GET, "/api-docs", "/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The settings every console shares. Session attributes get a prefix per audience: the security
     * context (who is signed in), the saved request (where to go after login) and the CSRF token, so
     * that consoles open side by side in one browser neither share a sign-in nor log each other out.
     */
    private static HttpSecurity console(HttpSecurity http, Audience audience, String base, String usernameParameter,
            String apiPattern, AuthenticationManager signIn, ApiSecurityProblems problems) throws Exception {
        String prefix = "LINGQIAN_" + audience.name() + "_";
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(prefix + "SECURITY_CONTEXT");
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(prefix + "CSRF_TOKEN");
        RequestMatcher api = ApiPaths.matcher(apiPattern);
        // Only pages are worth returning to after login; a refused API call must not open a session.
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(prefix + "SAVED_REQUEST");
        savedRequests.setRequestMatcher(new AndRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"), new NegatedRequestMatcher(api)));

        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(
                new LoginUrlAuthenticationEntryPoint(base + "/login"), new RequestMatcherEntry<>(api, problems));

        return http
                .authenticationManager(signIn)
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).ignoringRequestMatchers(basicAuthorization()))
                .formLogin(form -> form
                        .loginPage(base + "/login")
                        .usernameParameter(usernameParameter)
                        .defaultSuccessUrl(base)
                        .failureUrl(base + "/login?error")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl(base + "/logout")
                        // Explicit, so that HTTP Basic's "204 for API clients" default cannot apply to the console.
                        .logoutSuccessHandler(loggedOut(base + "/login?logout"))
                        // Only this console's context is cleared; the others in the session stay signed in.
                        .invalidateHttpSession(false))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .defaultAccessDeniedHandlerFor(problems, api));
    }

    private static SimpleUrlLogoutSuccessHandler loggedOut(String loginPage) {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl(loginPage);
        return handler;
    }

    /**
     * A cross-site form cannot set an Authorization header, and browsers never cache Basic credentials
     * for us (no Basic challenge is ever sent), so such a request cannot be a forged one.
     */
    private static RequestMatcher basicAuthorization() {
        return request -> {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        };
    }

    /** Checks passwords against one audience's user store only: no fallback to any other store. */
    private AuthenticationManager signIn(Audience audience, Function<String, Optional<SignInAccount>> accounts,
            PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(login -> accounts.apply(login)
                .map(account -> new SignedInUser(audience, account))
                .orElseThrow(() -> new UsernameNotFoundException("no " + audience + " user with that login")));
        provider.setPasswordEncoder(passwords);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(signInEvents);
        return manager;
    }
}
