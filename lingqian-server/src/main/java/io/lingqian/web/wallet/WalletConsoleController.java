package io.lingqian.web.wallet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.wallet.Withdrawals;
import io.lingqian.wallet.Yuan;

/** The wallet's login, registration and home pages. */
@Controller
class WalletConsoleController {

    private final WalletUsers users;
    private final WalletCards cards;
    private final WalletLimits limits;
    private final Withdrawals withdrawals;
    private final PaymentSecurity security;

    WalletConsoleController(WalletUsers users, WalletCards cards, WalletLimits limits, Withdrawals withdrawals,
            PaymentSecurity security) {
        this.users = users;
        this.cards = cards;
        this.limits = limits;
        this.withdrawals = withdrawals;
        this.security = security;
    }

    @GetMapping("/wallet/login")
    String login() {
        return "wallet/login";
    }

    @GetMapping("/wallet/register")
    String registerForm() {
        return "wallet/register";
    }

    @PostMapping("/wallet/register")
    String register(@RequestParam String mobile, @RequestParam String displayName, @RequestParam String password,
            Model model) {
        try {
            users.register(mobile.strip(), displayName, password);
            return "redirect:/wallet/login?registered";
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        } catch (DuplicateKeyException e) {
            model.addAttribute("error", "This mobile number is registered already; sign in instead.");
        }
        model.addAttribute("mobile", mobile);
        model.addAttribute("displayName", displayName);
        return "wallet/register";
    }

    @GetMapping("/wallet")
    String home(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        users.byId(signedIn.id()).ifPresent(user -> model.addAttribute("user", user));
        model.addAttribute("receiveCode", "lingqian://wallet/receive/" + signedIn.id());
        model.addAttribute("balance", Yuan.format(withdrawals.available(signedIn.id())));
        model.addAttribute("identity", cards.identity(signedIn.id()).orElse(null));
        model.addAttribute("limits", limits.limits(signedIn.id()));
        model.addAttribute("security", security.settings(signedIn.id()));
        model.addAttribute("cardCount", cards.cards(signedIn.id()).size());
        return "wallet/home";
    }
}
