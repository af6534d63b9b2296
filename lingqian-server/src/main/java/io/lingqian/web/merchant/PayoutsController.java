package io.lingqian.web.merchant;

import java.time.ZoneId;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.payout.Payouts;
import io.lingqian.platform.security.SignedInUser;

/** The signed-in merchant's latest payouts to users' balances (enterprise payments and batch details); only its own. */
@Controller
class PayoutsController {

    private static final int SHOWN = 100;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final Payouts payouts;

    PayoutsController(MerchantAccounts accounts, Payouts payouts) {
        this.accounts = accounts;
        this.payouts = payouts;
    }

    @GetMapping("/merchant/payouts")
    String payouts(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        long merchantId = accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
        model.addAttribute("payouts", payouts.recent(merchantId, SHOWN));
        model.addAttribute("zone", CHINA);
        return "merchant/payouts";
    }
}
