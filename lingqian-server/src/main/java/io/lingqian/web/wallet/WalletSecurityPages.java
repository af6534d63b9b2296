package io.lingqian.web.wallet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletLimits;
import jakarta.servlet.http.HttpServletRequest;

/** Wallet pages for the payment password, password-free payments, devices and the hardware lock, limits. */
@Controller
class WalletSecurityPages {

    private final PaymentSecurity security;
    private final WalletDevices devices;
    private final WalletCards cards;
    private final WalletLimits limits;
    private final Verifications verifications;

    WalletSecurityPages(PaymentSecurity security, WalletDevices devices, WalletCards cards, WalletLimits limits,
            Verifications verifications) {
        this.security = security;
        this.devices = devices;
        this.cards = cards;
        this.limits = limits;
        this.verifications = verifications;
    }

    @GetMapping("/wallet/security")
    String security(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        model.addAttribute("security", security.settings(me.id()));
        model.addAttribute("devices", devices.devices(me.id()));
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("identity", cards.identity(me.id()).orElse(null));
        model.addAttribute("limits", limits.limits(me.id()));
        model.addAttribute("thisDevice", DeviceIds.of(request));
        return "wallet/security";
    }

    @PostMapping("/wallet/security/password")
    String password(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String currentPassword,
            @RequestParam String newPassword, HttpServletRequest request, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/security", () -> {
            security.setPassword(me.id(), DeviceIds.of(request), currentPassword, newPassword);
            return "Your payment password is set.";
        });
    }

    @PostMapping("/wallet/security/password-free")
    String passwordFree(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) String limit, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/security", () -> {
            long fen = enabled ? WalletMoneyPages.fen(limit == null ? "" : limit) : 0;
            security.passwordFree(me.id(), enabled, fen);
            return enabled ? "Password-free payments are on." : "Password-free payments are off.";
        });
    }

    @PostMapping("/wallet/security/hardware-lock")
    String hardwareLock(@AuthenticationPrincipal SignedInUser me, @RequestParam boolean enabled,
            HttpServletRequest request, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/security", () -> {
            security.hardwareLock(me.id(), DeviceIds.of(request), enabled);
            return enabled ? "Hardware lock on: payments are accepted from this device only." : "Hardware lock off.";
        });
    }

    @PostMapping("/wallet/security/reverify")
    String reverify(@AuthenticationPrincipal SignedInUser me, @RequestParam Verification.Purpose purpose,
            @RequestParam long cardId, @RequestParam String idNumber, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        try {
            Verification v = verifications.startReverification(me.id(), DeviceIds.of(request), purpose, cardId, idNumber);
            return WalletMoneyPages.confirmPage(model, v.id(), v.purpose(), v.maskedPhone(), v.sandboxSmsCode(), null);
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/security";
        }
    }
}
