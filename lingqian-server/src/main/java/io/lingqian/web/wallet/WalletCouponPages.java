package io.lingqian.web.wallet;

import java.security.SecureRandom;
import java.time.ZoneId;
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

import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.platform.security.SignedInUser;

/**
 * The wallet's coupons: the user's coupons ({@code /wallet/coupons}) and a stock's claim link
 * ({@code /wallet/coupons/claim/{stockId}}, which merchants share). The claim form carries a token
 * made when the page was shown, so sending it twice claims once.
 */
@Controller
class WalletCouponPages {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private final Coupons coupons;
    private final CouponStocks stocks;
    private final SecureRandom random = new SecureRandom();

    WalletCouponPages(Coupons coupons, CouponStocks stocks) {
        this.coupons = coupons;
        this.stocks = stocks;
    }

    @GetMapping("/wallet/coupons")
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("coupons", coupons.ofUser(me.id(), null, null, 0, 100));
        model.addAttribute("zone", ZoneId.of("Asia/Shanghai"));
        return "wallet/coupons";
    }

    @GetMapping("/wallet/coupons/claim/{stockId}")
    String claimPage(@AuthenticationPrincipal SignedInUser me, @PathVariable String stockId, Model model) {
        CouponStock stock = stocks.byStockId(stockId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("stock", stock);
        model.addAttribute("token", newToken());
        return "wallet/coupon-claim";
    }

    @PostMapping("/wallet/coupons/claim/{stockId}")
    String claim(@AuthenticationPrincipal SignedInUser me, @PathVariable String stockId, @RequestParam String token,
            RedirectAttributes redirect) {
        if (!TOKEN.matcher(token).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            coupons.claim(me.id(), stockId, token);
            redirect.addFlashAttribute("message", "Coupon added to your wallet.");
            return "redirect:/wallet/coupons";
        } catch (MarketingRefusal e) {
            if (e.reason() == MarketingRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/coupons/claim/" + stockId;
        }
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
