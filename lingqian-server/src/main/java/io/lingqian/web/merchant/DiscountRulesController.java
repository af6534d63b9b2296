package io.lingqian.web.merchant;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.DiscountRule;
import io.lingqian.marketing.InstantDiscounts;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.NewDiscountRule;
import io.lingqian.marketing.StockFunding;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.Yuan;

/**
 * The portal's instant discounts (立减, under Coupons): the merchant's rules with their budget used,
 * a form to create one (funded at payment or in advance from the balance), and pause, restart and
 * stop. A merchant sees and acts on its own rules only; another's rule id is 404.
 */
@Controller
class DiscountRulesController {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private final MerchantAccounts accounts;
    private final InstantDiscounts discounts;
    private final SecureRandom random = new SecureRandom();

    DiscountRulesController(MerchantAccounts accounts, InstantDiscounts discounts) {
        this.accounts = accounts;
        this.discounts = discounts;
    }

    @GetMapping("/merchant/marketing/discounts")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        model.addAttribute("rules", discounts.list(owner(signedIn)));
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        model.addAttribute("token", HexFormat.of().formatHex(bytes));
        return "merchant/discounts";
    }

    @PostMapping("/merchant/marketing/discounts")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String token,
            @RequestParam String name, @RequestParam String minAmount, @RequestParam(defaultValue = "") String maxAmount,
            @RequestParam(defaultValue = "") String threshold, @RequestParam String budget,
            @RequestParam(defaultValue = "1") int perUserDaily, @RequestParam(defaultValue = "1") int perUserTotal,
            @RequestParam(defaultValue = "MERCHANT") StockFunding funding, RedirectAttributes redirect) {
        CouponStocks.Creator owner = owner(signedIn);
        if (!TOKEN.matcher(token).matches() || funding == StockFunding.PLATFORM) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            long min = yuan(minAmount, "the discount");
            long max = maxAmount.isBlank() ? min : yuan(maxAmount, "the largest discount");
            long minimum = threshold.isBlank() ? 0 : yuan(threshold, "the threshold");
            DiscountRule rule = discounts.create(owner, new NewDiscountRule(name.strip(), funding, null, min, max,
                    minimum, yuan(budget, "the budget"), perUserDaily, perUserTotal), "portal-" + token);
            redirect.addFlashAttribute("message", "Discount " + rule.ruleId() + " is running.");
        } catch (MarketingRefusal e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/merchant/marketing/discounts";
    }

    @PostMapping("/merchant/marketing/discounts/{ruleId}/{action}")
    String change(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String ruleId,
            @PathVariable String action, RedirectAttributes redirect) {
        CouponStocks.Creator owner = owner(signedIn);
        try {
            switch (action) {
                case "pause" -> discounts.pause(owner, ruleId);
                case "restart" -> discounts.restart(owner, ruleId);
                case "stop" -> discounts.stop(owner, ruleId);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("message", "Discount " + ruleId + ": " + action + " done.");
        } catch (MarketingRefusal e) {
            if (e.reason() == MarketingRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/merchant/marketing/discounts";
    }

    private static long yuan(String text, String what) {
        return Yuan.parse(text).orElseThrow(() -> new MarketingRefusal(MarketingRefusal.Reason.INVALID,
                what + " must be an amount in yuan"));
    }

    private CouponStocks.Creator owner(SignedInUser signedIn) {
        Merchant merchant = accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // Only an approved merchant has a mchid and can run discounts.
        return CouponStocks.Creator.merchant(merchant.id(), merchant.mchid()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN)));
    }
}
