package io.lingqian.platform;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The JSON APIs that answer errors with problem+json, never with an HTML page or a login redirect. */
public final class ApiPaths {

    public static final String WALLET = "/api/wallet/**";
    public static final String MERCHANT = "/merchant/api/**";
    public static final String ADMIN = "/admin/api/**";

    private ApiPaths() {
    }

    public static RequestMatcher matcher(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
