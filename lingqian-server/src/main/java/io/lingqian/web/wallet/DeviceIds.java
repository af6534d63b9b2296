package io.lingqian.web.wallet;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.lingqian.wallet.WalletDevices;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Which device a wallet request comes from: the device of its bearer token for API clients, or the
 * console's long-lived device cookie for the browser (set before sign-in, so it names the browser).
 */
public final class DeviceIds {

    static final String TOKEN_DEVICE_ATTRIBUTE = "io.lingqian.wallet.device";
    static final String TOKEN_ATTRIBUTE = "io.lingqian.wallet.token";
    static final String COOKIE = "LQ_DEVICE";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceIds() {
    }

    public static String of(HttpServletRequest request) {
        Object fromToken = request.getAttribute(TOKEN_DEVICE_ATTRIBUTE);
        if (fromToken instanceof String id) {
            return id;
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && WalletDevices.isDeviceId(c.getValue())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** Gives the browser a device id if it has none yet, and returns it. */
    static String ensureCookie(HttpServletRequest request, HttpServletResponse response) {
        String existing = of(request);
        if (existing != null) {
            return existing;
        }
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = "web-" + HexFormat.of().formatHex(bytes);
        Cookie cookie = new Cookie(COOKIE, id);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(5 * 365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return id;
    }

    /** A short name for a browser from its User-Agent. */
    static String browserName(HttpServletRequest request) {
        String ua = request.getHeader("User-Agent");
        if (ua == null) {
            return "Web browser";
        }
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("Chrome/") ? "Chrome"
                : ua.contains("Firefox/") ? "Firefox" : ua.contains("Safari/") ? "Safari" : "Web browser";
        String os = ua.contains("Android") ? "Android" : ua.contains("iPhone") ? "iPhone"
                : ua.contains("Windows") ? "Windows" : ua.contains("Mac OS") ? "macOS" : ua.contains("Linux") ? "Linux" : "";
        return os.isEmpty() ? browser : browser + " on " + os;
    }
}
