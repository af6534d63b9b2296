package io.lingqian.web.merchant;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;

/** The merchant portal's login and home pages. */
@Controller
class MerchantPortalController {

    private final MerchantAccounts accounts;

    MerchantPortalController(MerchantAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/merchant/login")
    String login() {
        return "merchant/login";
    }

    @GetMapping("/merchant")
    String home(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        accounts.merchantOfPortalUser(signedIn.id()).ifPresent(merchant -> model.addAttribute("merchant", merchant));
        return "merchant/home";
    }
}
