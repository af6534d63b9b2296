package io.lingqian.web.wallet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.WalletUsers;

/** The wallet's login and home pages. */
@Controller
class WalletConsoleController {

    private final WalletUsers users;

    WalletConsoleController(WalletUsers users) {
        this.users = users;
    }

    @GetMapping("/wallet/login")
    String login() {
        return "wallet/login";
    }

    @GetMapping("/wallet")
    String home(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        users.byId(signedIn.id()).ifPresent(user -> model.addAttribute("user", user));
        model.addAttribute("receiveCode", "lingqian://wallet/receive/" + signedIn.id());
        return "wallet/home";
    }
}
