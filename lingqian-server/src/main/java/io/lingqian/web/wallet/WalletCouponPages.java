package io.lingqian.web.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.StockStatus;
import io.lingqian.platform.security.SignedInUser;

/**
 * The wallet's coupons (tab: Coupons): the user's own coupons in three groups, available, used and
 * expired ({@code /wallet/coupons}), and a stock's claim link ({@code /wallet/coupons/claim/{stockId}},
 * which merchants share), where the signed-in user claims one. The claim form carries a token made when
 * the page was shown, so sending it twice claims once; the stock's budgets and per-user cap are decided
 * by {@link Coupons#claim}, and a refusal is said in words on the claim page.
 */
@Controller
class WalletCouponPages {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int SHOWN = 200;

    /** The user's coupons as the tab groups them. */
    record Groups(List<Coupon> available, List<Coupon> used, List<Coupon> expired) {
    }

    private final Coupons coupons;
    private final CouponStocks stocks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WalletCouponPages(Coupons coupons, CouponStocks stocks, Clock clock) {
        this.coupons = coupons;
        this.stocks = stocks;
        this.clock = clock;
    }

    @GetMapping("/wallet/coupons")
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        Instant now = clock.instant();
        List<Coupon> mine = coupons.ofUser(me.id(), null, null, 0, SHOWN);
        // A coupon whose window ended is expired for the user even before the expiry job marks it so.
        model.addAttribute("groups", new Groups(
                mine.stream().filter(c -> c.status() == CouponStatus.SENDED && now.isBefore(c.stock().availableEnd())).toList(),
                mine.stream().filter(c -> c.status() == CouponStatus.USED).toList(),
                mine.stream().filter(c -> c.status() == CouponStatus.EXPIRED
                        || (c.status() == CouponStatus.SENDED && !now.isBefore(c.stock().availableEnd()))).toList()));
        model.addAttribute("now", now);
        model.addAttribute("zone", CHINA);
        return "wallet/coupons";
    }

    @GetMapping("/wallet/coupons/claim/{stockId}")
    String claimPage(@AuthenticationPrincipal SignedInUser me, @PathVariable String stockId, Model model) {
        CouponStock stock = stocks.byStockId(stockId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Instant now = clock.instant();
        int held = coupons.heldOf(me.id(), stock);
        model.addAttribute("stock", stock);
        model.addAttribute("held", held);
        model.addAttribute("closed", closedReason(stock, held, now));
        model.addAttribute("token", newToken());
        model.addAttribute("zone", CHINA);
        return "wallet/coupon-claim";
    }

    @PostMapping("/wallet/coupons/claim/{stockId}")
    String claim(@AuthenticationPrincipal SignedInUser me, @PathVariable String stockId, @RequestParam String token,
            RedirectAttributes redirect) {
        if (!TOKEN.matcher(token).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            Coupon coupon = coupons.claim(me.id(), stockId, token);
            redirect.addFlashAttribute("message", "Coupon added to your wallet: ¥"
                    + io.lingqian.wallet.Yuan.format(coupon.amountFen()) + " off at " + coupon.stock().name() + ".");
            return "redirect:/wallet/coupons";
        } catch (MarketingRefusal e) {
            if (e.reason() == MarketingRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", refusal(e));
            return "redirect:/wallet/coupons/claim/" + stockId;
        }
    }

    /** Why the stock cannot give this user a coupon now, or null: the page then offers no Claim button. */
    private static String closedReason(CouponStock stock, int held, Instant now) {
        if (stock.status() == StockStatus.CREATED) {
            return "This campaign has not started yet.";
        }
        if (stock.status() == StockStatus.PAUSED) {
            return "This campaign is paused; try again later.";
        }
        if (stock.status() == StockStatus.STOPPED || stock.status() == StockStatus.EXPIRED
                || !now.isBefore(stock.availableEnd())) {
            return "This campaign has ended.";
        }
        if (held >= stock.maxCouponsPerUser()) {
            return "You already have " + (held == 1 ? "this coupon" : "the most coupons one person may claim here")
                    + ".";
        }
        if (stock.distributedCoupons() >= stock.maxCoupons()) {
            return "All coupons of this campaign have been claimed.";
        }
        return null;
    }

    private static String refusal(MarketingRefusal e) {
        return switch (e.reason()) {
            case USER_LIMIT -> "You already have as many of these coupons as one person may claim.";
            case BUDGET_EXHAUSTED -> "All coupons of this campaign have been claimed.";
            case DAILY_BUDGET_EXHAUSTED -> "Today's coupons have all been claimed; try again tomorrow.";
            case WRONG_STATE -> "This campaign is not giving out coupons now.";
            default -> e.getMessage();
        };
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
