package io.lingqian.platform;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id, logs it with every line written while the request runs, and returns it
 * in the {@code Request-ID} response header (spelt exactly so: the WeChat Pay SDKs read headers
 * case-sensitively). A caller's own id is kept, so one id follows a call across systems.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "Request-ID";
    public static final String MDC_KEY = "requestId";

    /** A caller's id is echoed into logs and headers, so only a short, plain one is accepted. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String requestId = incoming != null && ACCEPTABLE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
