package io.lingqian.web.wallet;

import java.io.IOException;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.lingqian.platform.security.Audience;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates wallet API calls that carry {@code Authorization: Bearer <token>} (issued by
 * {@code POST /api/wallet/sessions}) for that request only; nothing is stored in a session. The
 * token's device becomes the request's device. An unknown token authenticates nothing, so the
 * request is then refused like any anonymous one.
 */
public class WalletTokenFilter extends OncePerRequestFilter {

    private final WalletDevices devices;
    public WalletTokenFilter(WalletDevices devices) {
        this.devices = devices;
    }

    /** Whether a request authenticates itself with a bearer token (and so needs no CSRF token). */
    public static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasBearerToken(request)) {
            String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip();
            devices.authenticate(token).ifPresent(holder -> {
                WalletUser user = holder.user();
                SignedInUser principal = new SignedInUser(Audience.WALLET,
                        new SignInAccount(user.id(), user.mobile(), user.displayName(), "", Set.of()));
                principal.eraseCredentials();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        principal.getAuthorities()));
                SecurityContextHolder.setContext(context);
                request.setAttribute(DeviceIds.TOKEN_DEVICE_ATTRIBUTE, holder.deviceId());
                request.setAttribute(DeviceIds.TOKEN_ATTRIBUTE, token);
            });
        }
        chain.doFilter(request, response);
    }
}
