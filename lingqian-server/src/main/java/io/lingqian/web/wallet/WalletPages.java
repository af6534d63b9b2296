package io.lingqian.web.wallet;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.WalletDevices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Every wallet page: the browser gets its device cookie before sign-in, and a signed-in browser is
 * recorded once per session as one of the user's devices.
 */
@ControllerAdvice(assignableTypes = {WalletConsoleController.class, WalletMoneyPages.class, WalletSecurityPages.class,
        WalletFriendsPages.class})
class WalletPages {

    private static final String SEEN = "LINGQIAN_WALLET_DEVICE_SEEN";

    private final WalletDevices devices;
    private final java.time.Clock clock;

    WalletPages(WalletDevices devices, java.time.Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** Times are shown in the platform's zone (China Standard Time), whatever the server's. */
    @ModelAttribute("zone")
    java.time.ZoneId zone() {
        return clock.getZone();
    }

    @ModelAttribute("deviceId")
    @Nullable
    String device(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        String device = DeviceIds.ensureCookie(request, response);
        if (user != null) {
            HttpSession session = request.getSession();
            if (!device.equals(session.getAttribute(SEEN))) {
                devices.seen(user.id(), device, DeviceIds.browserName(request));
                session.setAttribute(SEEN, device);
            }
        }
        return device;
    }
}
