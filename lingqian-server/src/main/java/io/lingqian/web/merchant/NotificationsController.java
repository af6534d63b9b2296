package io.lingqian.web.merchant;

import java.time.ZoneId;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationAttempt;
import io.lingqian.platform.security.SignedInUser;

/**
 * The notification log: each notification sent to the merchant's notify_url with every attempt and
 * what the merchant's server answered, and a resend button. Only the signed-in merchant's own.
 */
@Controller
class NotificationsController {

    private static final int SHOWN = 100;
    /** Times as the merchant's notifications state them: China Standard Time. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A notification with its attempts, for the page. */
    record Row(Notification notification, List<NotificationAttempt> attempts) {
    }

    private final MerchantAccounts accounts;
    private final MerchantNotifications notifications;

    NotificationsController(MerchantAccounts accounts, MerchantNotifications notifications) {
        this.accounts = accounts;
        this.notifications = notifications;
    }

    @GetMapping("/merchant/notifications")
    String list(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        long merchantId = merchantId(signedIn);
        model.addAttribute("rows", notifications.recent(merchantId, SHOWN).stream()
                .map(n -> new Row(n, notifications.attempts(merchantId, n.id()))).toList());
        model.addAttribute("zone", CHINA);
        return "merchant/notifications";
    }

    @PostMapping("/merchant/notifications/{id}/resend")
    String resend(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id, RedirectAttributes flash) {
        if (!notifications.resend(merchantId(signedIn), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        flash.addFlashAttribute("resent", id);
        return "redirect:/merchant/notifications";
    }

    private long merchantId(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
    }
}
