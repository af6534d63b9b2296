package io.lingqian.web.merchant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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

import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.Yuan;

/**
 * The portal's coupon stocks (nav: Coupons): create a stock, start, pause, restart or stop it, watch
 * its budget being sent and used, and copy the claim link users open in the wallet. A merchant sees
 * and acts on its own stocks only; another's stock id is 404.
 */
@Controller
class MarketingController {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final CouponStocks stocks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MarketingController(MerchantAccounts accounts, CouponStocks stocks, Clock clock) {
        this.accounts = accounts;
        this.stocks = stocks;
        this.clock = clock;
    }

    @GetMapping("/merchant/marketing")
    String page(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        Merchant merchant = merchant(signedIn);
        model.addAttribute("stocks", stocks.list(creator(merchant), null, 0, 100));
        model.addAttribute("token", newToken());
        model.addAttribute("today", LocalDate.now(clock.withZone(CHINA)));
        model.addAttribute("zone", CHINA);
        return "merchant/marketing";
    }

    @PostMapping("/merchant/marketing/stocks")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String token,
            @RequestParam String name, @RequestParam String amount, @RequestParam(defaultValue = "") String minimum,
            @RequestParam int count, @RequestParam(defaultValue = "1") int perUser, @RequestParam int days,
            @RequestParam(defaultValue = "MERCHANT") StockFunding funding,
            @RequestParam(defaultValue = "") String goodsTags, RedirectAttributes redirect) {
        Merchant merchant = merchant(signedIn);
        if (!TOKEN.matcher(token).matches() || funding == StockFunding.PLATFORM) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            long amountFen = Yuan.parse(amount).orElseThrow(() -> new MarketingRefusal(MarketingRefusal.Reason.INVALID,
                    "the coupon's value must be an amount in yuan"));
            long minimumFen = minimum.isBlank() ? 0 : Yuan.parse(minimum).orElseThrow(() -> new MarketingRefusal(
                    MarketingRefusal.Reason.INVALID, "the threshold must be an amount in yuan"));
            Instant now = clock.instant();
            long budget = Math.multiplyExact(amountFen, (long) count);
            List<String> tags = Arrays.stream(goodsTags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .toList();
            NewStock stock = new NewStock(name.strip(), null, funding, amountFen, minimumFen, count, budget, budget,
                    perUser, now, now.plus(Duration.ofDays(days)), tags, List.of(), false);
            CouponStock created = stocks.create(creator(merchant), stock, "portal-" + token,
                    String.join("|", name, amount, minimum, Integer.toString(count), Integer.toString(perUser),
                            Integer.toString(days), funding.name(), goodsTags));
            redirect.addFlashAttribute("message", "Stock " + created.stockId() + " created; start it to send coupons.");
        } catch (MarketingRefusal | ArithmeticException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/merchant/marketing";
    }

    @PostMapping("/merchant/marketing/stocks/{stockId}/{action}")
    String change(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String stockId,
            @PathVariable String action, RedirectAttributes redirect) {
        CouponStocks.Creator me = creator(merchant(signedIn));
        try {
            switch (action) {
                case "start" -> stocks.start(me, stockId);
                case "pause" -> stocks.pause(me, stockId);
                case "restart" -> stocks.restart(me, stockId);
                case "stop" -> stocks.stop(me, stockId);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("message", "Stock " + stockId + ": " + action + " done.");
        } catch (MarketingRefusal e) {
            if (e.reason() == MarketingRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/merchant/marketing";
    }

    private Merchant merchant(SignedInUser signedIn) {
        return accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static CouponStocks.Creator creator(Merchant merchant) {
        // Only an approved merchant has a mchid and can run coupons.
        return CouponStocks.Creator.merchant(merchant.id(), merchant.mchid()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN)));
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
