package io.lingqian.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.lingqian.merchant.MerchantUser;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.security.Audience;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/**
 * Who may reach which route, checked against every route the server actually maps, so that a page
 * or endpoint added tomorrow is covered without anyone remembering to add a test for it:
 *
 * <ul>
 * <li>every route belongs to exactly one audience (wallet user, merchant portal user, staff, a
 *     merchant's server through the signed v3 or v2 API) or is on the short public list below;
 * <li>without signing in, every console route is refused (a page sends you to its login, an API
 *     answers 401 problem+json) and every v3 route answers 401 {@code SIGN_ERROR};
 * <li>a sign-in to one console opens no route of another, nor the merchant API;
 * <li>every admin route but the home page names the staff roles it needs, and each other role is
 *     refused before the handler runs;
 * <li>every console form (any non-GET route of a console) is refused without the CSRF token, even
 *     to its own signed-in user.
 * </ul>
 *
 * Which object belongs to whom (another user's card, another merchant's order) is a different
 * question, answered per object by the tests docs/reliability.md lists under "Access control";
 * session fixation is {@link SessionFixationTests}.
 */
@ServerTest
class AccessControlMatrixTests {

    /**
     * Routes anyone may call. Each is public on purpose: signing up and in, the emergency freeze (the
     * phone is lost, so nobody is signed in), the demo shop (a merchant's public website), the JSAPI
     * bridge (runs in the merchant's page), the web-authorisation code exchange (authenticated by
     * appid and secret in its parameters), the sign link a provider's applyment sends the shop's legal
     * person (its unguessable token is the credential), the API documentation, and {@code /ping}
     * (a constant, the benchmark's ceiling for the HTTP stack).
     */
    private static final Set<String> PUBLIC = Set.of(
            "GET /", "GET /error", "POST /error",
            "GET /wallet/login", "GET /wallet/register", "POST /wallet/register",
            "GET /wallet/emergency-freeze", "POST /wallet/emergency-freeze",
            "POST /api/wallet/users", "POST /api/wallet/sessions",
            "POST /api/wallet/emergency-freezes", "POST /api/wallet/emergency-freezes/{verificationId}/confirm",
            "GET /merchant/login", "GET /merchant/signup", "POST /merchant/signup",
            "GET /admin/login",
            "GET /merchant/applyment/sign/{token}", "POST /merchant/applyment/sign/{token}/verify",
            "POST /merchant/applyment/sign/{token}/sign",
            "GET /sns/oauth2/access_token", "GET /ping",
            "GET /api-docs", "GET /api-docs.yaml", "GET /api-docs/swagger-config", "GET /swagger-ui.html");

    private static final List<String> PUBLIC_PREFIXES = List.of("/demo-shop", "/jsapi/");

    /** Whose a route is: the audience of the console, or the merchant's server. */
    enum Owner {
        WALLET("/wallet/login"), MERCHANT("/merchant/login"), STAFF("/admin/login"),
        MERCHANT_API_V3(null), MERCHANT_API_V2(null), PUBLIC(null);

        final String loginPage;

        Owner(String loginPage) {
            this.loginPage = loginPage;
        }

        boolean isConsole() {
            return loginPage != null;
        }
    }

    record Route(HttpMethod method, String pattern, HandlerMethod handler) {

        String key() {
            return method.name() + " " + pattern;
        }

        /** The pattern with each path variable filled in; any value will do, the check comes first. */
        String url() {
            return pattern.replaceAll("\\{[^}]+}", "1");
        }

        boolean isApi() {
            return pattern.startsWith("/api/wallet/") || pattern.startsWith("/merchant/api/")
                    || pattern.startsWith("/admin/api/");
        }

        Owner owner() {
            if (PUBLIC.contains(key()) || PUBLIC_PREFIXES.stream().anyMatch(pattern::startsWith)) {
                return Owner.PUBLIC;
            }
            if (pattern.startsWith("/wallet/") || pattern.equals("/wallet") || pattern.startsWith("/api/wallet/")
                    || pattern.startsWith("/connect/oauth2/")) {
                return Owner.WALLET;
            }
            if (pattern.startsWith("/merchant/") || pattern.equals("/merchant")) {
                return Owner.MERCHANT;
            }
            if (pattern.startsWith("/admin/") || pattern.equals("/admin")) {
                return Owner.STAFF;
            }
            if (pattern.startsWith("/v3/")) {
                return Owner.MERCHANT_API_V3;
            }
            if (pattern.startsWith("/pay/") || pattern.startsWith("/secapi/")
                    || pattern.startsWith("/mmpaymkttransfers/")) {
                return Owner.MERCHANT_API_V2;
            }
            return null;
        }
    }

    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");
    private static final Pattern ROLE_EXPRESSION = Pattern.compile(
            "hasRole\\('[A-Z_]+'\\)|hasAnyRole\\(\\s*'[A-Z_]+'(\\s*,\\s*'[A-Z_]+')*\\s*\\)");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @AfterEach
    void forgetTheInvokingStaff() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyRouteBelongsToOneAudienceOrIsPublicOnPurpose() {
        List<String> unclaimed = routes().stream().filter(route -> route.owner() == null).map(Route::key).toList();

        assertThat(unclaimed)
                .as("routes nobody claims: give them a console prefix, or add them to PUBLIC with the reason")
                .isEmpty();
        assertThat(routes()).hasSizeGreaterThan(200);
    }

    @Test
    void withoutSignInNoConsoleRouteOpens() throws Exception {
        List<String> opened = new ArrayList<>();
        int tried = 0;
        for (Route route : routes()) {
            if (route.owner() != null && route.owner().isConsole()) {
                tried++;
                // With a valid CSRF token, so that what refuses the request is the missing sign-in.
                MockHttpServletResponse response = perform(route, null, true);
                if (!refusedAsUnauthenticated(route, route.owner(), response)) {
                    opened.add(route.key() + " -> " + response.getStatus() + " " + response.getRedirectedUrl());
                }
            }
        }
        assertThat(opened).as("console routes reached without signing in").isEmpty();
        assertThat(tried).isGreaterThan(150);
    }

    @Test
    void withoutASignatureNoMerchantApiRouteOpens() throws Exception {
        List<String> opened = new ArrayList<>();
        for (Route route : routesOf(Owner.MERCHANT_API_V3)) {
            MockHttpServletResponse response = perform(route, null, false);
            if (response.getStatus() != 401 || !response.getContentAsString().contains("\"SIGN_ERROR\"")) {
                opened.add(route.key() + " -> " + response.getStatus() + " " + response.getContentAsString());
            }
        }
        assertThat(opened).as("v3 routes answering an unsigned request with anything but 401 SIGN_ERROR").isEmpty();
    }

    @Test
    void aWalletSignInOpensNoMerchantPortalAdminOrMerchantApiRoute() throws Exception {
        MockHttpSession wallet = signIn("/wallet/login", "mobile", users.walletUser().mobile());

        assertNoRouteOpens(wallet, Owner.MERCHANT, Owner.STAFF, Owner.MERCHANT_API_V3);
    }

    @Test
    void aMerchantPortalSignInOpensNoWalletAdminOrMerchantApiRoute() throws Exception {
        MerchantUser merchant = users.merchantUser();
        MockHttpSession portal = signIn("/merchant/login", "email", merchant.email());

        assertNoRouteOpens(portal, Owner.WALLET, Owner.STAFF, Owner.MERCHANT_API_V3);
    }

    @Test
    void aStaffSignInWithEveryRoleOpensNoWalletPortalOrMerchantApiRoute() throws Exception {
        MockHttpSession staff = signIn("/admin/login", "username", users.staff(StaffRole.values()).username());

        assertNoRouteOpens(staff, Owner.WALLET, Owner.MERCHANT, Owner.MERCHANT_API_V3);
    }

    @Test
    void everyAdminRouteNamesItsRolesAndRefusesEveryOtherRoleBeforeItRuns() throws Exception {
        List<String> unguarded = new ArrayList<>();
        List<String> ranForAnotherRole = new ArrayList<>();
        int refusals = 0;
        for (Route route : routesOf(Owner.STAFF)) {
            PreAuthorize guard = guardOf(route.handler());
            if (guard == null) {
                // The console's home page shows each member what their roles allow.
                if (!route.key().equals("GET /admin")) {
                    unguarded.add(route.key());
                }
                continue;
            }
            assertThat(guard.value()).as(route.key() + ": only role checks are understood here")
                    .matches(ROLE_EXPRESSION);
            Set<StaffRole> allowed = rolesIn(guard.value());
            for (StaffRole role : EnumSet.complementOf(EnumSet.copyOf(allowed))) {
                if (isRefused(route.handler(), role)) {
                    refusals++;
                } else {
                    ranForAnotherRole.add(route.key() + " for " + role);
                }
            }
        }
        assertThat(unguarded).as("admin routes without @PreAuthorize naming the staff roles").isEmpty();
        assertThat(ranForAnotherRole).as("admin handlers that ran for a role they do not name").isEmpty();
        assertThat(refusals).isGreaterThan(100);
    }

    @Test
    void theRoleRefusalReachesTheBrowserAsForbidden() throws Exception {
        MockHttpSession support = signIn("/admin/login", "username", users.staff(StaffRole.SUPPORT).username());
        MockHttpSession risk = signIn("/admin/login", "username", users.staff(StaffRole.RISK).username());

        // pages and forms of other roles: 403, and the API the same in problem+json
        assertThat(status(request(HttpMethod.GET, "/admin/ledger").session(support))).isEqualTo(403);
        assertThat(status(request(HttpMethod.GET, "/admin/risk/cases").session(support))).isEqualTo(403);
        assertThat(status(request(HttpMethod.POST, "/admin/platform-keys/rotate").with(csrf()).session(risk)))
                .isEqualTo(403);
        MockHttpServletResponse api = mvc.perform(request(HttpMethod.GET, "/admin/api/stats/home").session(risk))
                .andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(403);
        assertThat(api.getContentAsString()).contains("\"" + ApiProblem.FORBIDDEN + "\"");
        // and their own pages open
        assertThat(status(request(HttpMethod.GET, "/admin/risk/cases").session(risk))).isEqualTo(200);
        assertThat(status(request(HttpMethod.GET, "/admin/care/tickets").session(support))).isEqualTo(200);
    }

    @Test
    void everyConsoleFormIsRefusedWithoutItsCsrfTokenEvenToItsOwnUser() throws Exception {
        MockHttpSession wallet = signIn("/wallet/login", "mobile", users.walletUser().mobile());
        MockHttpSession portal = signIn("/merchant/login", "email", users.merchantUser().email());
        MockHttpSession staff = signIn("/admin/login", "username", users.staff(StaffRole.values()).username());

        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (Route route : routes()) {
            Owner owner = route.owner();
            if (owner == null || !owner.isConsole() || route.method() == HttpMethod.GET) {
                continue;
            }
            MockHttpSession session = switch (owner) {
                case WALLET -> wallet;
                case MERCHANT -> portal;
                default -> staff;
            };
            tried++;
            MockHttpServletResponse response = perform(route, session, false);
            if (response.getStatus() != 403) {
                accepted.add(route.key() + " -> " + response.getStatus());
            }
        }
        assertThat(accepted).as("console forms that went through without a CSRF token").isEmpty();
        assertThat(tried).isGreaterThan(80);
    }

    private void assertNoRouteOpens(MockHttpSession session, Owner... owners) throws Exception {
        List<String> opened = new ArrayList<>();
        int tried = 0;
        for (Owner owner : owners) {
            for (Route route : routesOf(owner)) {
                tried++;
                MockHttpServletResponse response = perform(route, session, true);
                boolean refused = owner == Owner.MERCHANT_API_V3
                        ? response.getStatus() == 401
                        : refusedAsUnauthenticated(route, owner, response);
                if (!refused) {
                    opened.add(route.key() + " -> " + response.getStatus() + " " + response.getRedirectedUrl());
                }
            }
        }
        assertThat(opened).as("routes of another audience that this sign-in reached").isEmpty();
        assertThat(tried).isGreaterThan(50);
    }

    /** A page sends you to its own console's login; an API answers 401 in problem+json. */
    private static boolean refusedAsUnauthenticated(Route route, Owner owner, MockHttpServletResponse response)
            throws Exception {
        if (route.isApi()) {
            return response.getStatus() == 401 && response.getContentAsString().contains("\"" + ApiProblem.UNAUTHORIZED + "\"");
        }
        return response.getStatus() == 302 && owner.loginPage.equals(response.getRedirectedUrl());
    }

    private MockHttpServletResponse perform(Route route, MockHttpSession session, boolean withCsrfToken)
            throws Exception {
        MockHttpServletRequestBuilder request = request(route.method(), route.url());
        if (session != null) {
            request.session(session);
        }
        if (withCsrfToken) {
            request.with(csrf());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    /**
     * Calls the handler through its Spring proxy, as the dispatcher does after binding, for a staff
     * member holding only {@code role}. Every argument is null: if the role check let the call
     * through, the handler would run (and most likely fail on the nulls), which counts as not refused.
     */
    private boolean isRefused(HandlerMethod handler, StaffRole role) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "matrix-" + role, null, List.of(new SimpleGrantedAuthority("ROLE_" + Audience.STAFF.role()),
                        new SimpleGrantedAuthority("ROLE_" + role.name()))));
        HandlerMethod resolved = handler.createWithResolvedBean();
        Method method = resolved.getMethod();
        method.setAccessible(true);
        Object[] arguments = Arrays.stream(method.getParameterTypes()).map(AccessControlMatrixTests::nothing).toArray();
        try {
            method.invoke(resolved.getBean(), arguments);
            return false;
        } catch (InvocationTargetException e) {
            return e.getCause() instanceof AccessDeniedException;
        }
    }

    private static Object nothing(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        throw new IllegalStateException("no default for " + type);
    }

    private static PreAuthorize guardOf(HandlerMethod handler) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
    }

    private static Set<StaffRole> rolesIn(String expression) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        Matcher matcher = ROLE.matcher(expression);
        while (matcher.find()) {
            roles.add(StaffRole.valueOf(matcher.group(1)));
        }
        return roles;
    }

    private List<Route> routesOf(Owner owner) {
        return routes().stream().filter(route -> route.owner() == owner).toList();
    }

    /** Every concrete (method, pattern) the dispatcher maps; catch-all fallbacks ({@code /**}) are not routes. */
    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : new TreeSet<>(info.getPatternValues())) {
                if (pattern.contains("**")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    routes.add(new Route(HttpMethod.GET, pattern, handler));
                    routes.add(new Route(HttpMethod.POST, pattern, handler));
                } else {
                    methods.forEach(method -> routes.add(new Route(HttpMethod.valueOf(method.name()), pattern, handler)));
                }
            }
        });
        return routes;
    }

    private MockHttpSession signIn(String loginUrl, String usernameParameter, String login) throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin(loginUrl).user(usernameParameter, login)
                        .password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
        assertThat(session).isNotNull();
        return session;
    }
}
