package io.lingqian.web.ratelimit;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.lingqian.platform.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits how often one client address may sign in, have SMS codes sent, try passwords and codes, and
 * pay, before any other filter (so also before authentication). Over the limit: 429 problem+json
 * {@code rate_limited} with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

    enum Group {
        LOGIN, SMS, PASSWORD, PAY
    }

    private record Route(HttpMethod method, PathPattern pattern, Group group) {
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final Route[] ROUTES = {
            route(HttpMethod.POST, "/wallet/login", Group.LOGIN),
            route(HttpMethod.POST, "/api/wallet/sessions", Group.LOGIN),
            route(HttpMethod.POST, "/merchant/login", Group.LOGIN),
            route(HttpMethod.POST, "/admin/login", Group.LOGIN),
            route(HttpMethod.POST, "/api/wallet/verifications/cards", Group.SMS),
            route(HttpMethod.POST, "/api/wallet/verifications/identity", Group.SMS),
            route(HttpMethod.POST, "/wallet/cards/bind", Group.SMS),
            route(HttpMethod.POST, "/wallet/security/reverify", Group.SMS),
            route(HttpMethod.POST, "/api/wallet/emergency-freezes", Group.SMS),
            route(HttpMethod.POST, "/wallet/emergency-freeze", Group.SMS),
            route(HttpMethod.POST, "/api/wallet/unfreeze-requests", Group.SMS),
            route(HttpMethod.PUT, "/api/wallet/security/payment-password", Group.PASSWORD),
            route(HttpMethod.POST, "/wallet/security/password", Group.PASSWORD),
            route(HttpMethod.POST, "/api/wallet/verifications/{id}/confirm", Group.PASSWORD),
            route(HttpMethod.POST, "/wallet/verifications/confirm", Group.PASSWORD),
            route(HttpMethod.POST, "/api/wallet/risk-challenges/{id}/confirm", Group.PASSWORD),
            route(HttpMethod.POST, "/api/wallet/emergency-freezes/{id}/confirm", Group.PASSWORD),
            route(HttpMethod.POST, "/api/wallet/unfreeze-requests/{id}/confirm", Group.PASSWORD),
            route(HttpMethod.POST, "/api/wallet/cashier/orders/{id}/pay", Group.PAY),
            route(HttpMethod.POST, "/wallet/cashier/pay", Group.PAY),
            route(HttpMethod.POST, "/api/wallet/transfers", Group.PAY),
            route(HttpMethod.POST, "/wallet/transfers", Group.PAY),
            route(HttpMethod.POST, "/api/wallet/red-packets", Group.PAY),
            route(HttpMethod.POST, "/wallet/red-packets", Group.PAY),
            route(HttpMethod.POST, "/api/wallet/withdrawals", Group.PAY),
            route(HttpMethod.POST, "/wallet/withdraw", Group.PAY)};

    private final RateLimitProperties settings;
    private final TokenBuckets buckets;
    private final JsonMapper json;

    RateLimitFilter(RateLimitProperties settings, Clock clock, JsonMapper json) {
        this.settings = settings;
        this.buckets = new TokenBuckets(clock);
        this.json = json;
    }

    private static Route route(HttpMethod method, String pattern, Group group) {
        return new Route(method, PARSER.parse(pattern), group);
    }

    static Optional<Group> groupOf(String method, String path) {
        org.springframework.http.server.PathContainer container = org.springframework.http.server.PathContainer
                .parsePath(path);
        for (Route r : ROUTES) {
            if (r.method().matches(method) && r.pattern().matches(container)) {
                return Optional.of(r.group());
            }
        }
        return Optional.empty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || settings.exempt().contains(request.getRemoteAddr());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Group> group = groupOf(request.getMethod(), path);
        if (group.isPresent()) {
            RateLimitProperties.Bucket limit = switch (group.get()) {
                case LOGIN -> settings.login();
                case SMS -> settings.sms();
                case PASSWORD -> settings.password();
                case PAY -> settings.pay();
            };
            long wait = buckets.take(group.get() + ":" + request.getRemoteAddr(), limit);
            if (wait > 0) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(wait));
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                        "Too many requests of this kind from your address; try again in " + wait + " seconds."));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
