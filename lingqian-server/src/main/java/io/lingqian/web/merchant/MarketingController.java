package io.lingqian.web.merchant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.StockFunding;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.web.QrPng;
import io.lingqian.web.StockForms;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal's coupon stocks (nav: Coupons): the list, the form to create one (every field of the
 * stock, with an error next to the field that needs correcting), and a page per stock with the actions
 * its state allows (start, pause, restart, stop), its budget being used (sent, used, left, day by day)
 * and its claim link with a QR code to share. A merchant sees and acts on its own stocks only; another's
 * stock id is 404.
 */
@Controller
class MarketingController {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final List<StockFunding> FUNDINGS = List.of(StockFunding.MERCHANT, StockFunding.SPONSOR);
    /** Days shown in a stock's day-by-day table. */
    private static final int DAYS_SHOWN = 14;

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
        return list(merchant, model, StockForms.Form.blank(today(), StockFunding.MERCHANT), newToken(), Map.of());
    }

    @PostMapping("/merchant/marketing/stocks")
    String create(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String token,
            @ModelAttribute("form") StockForms.Form form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Merchant merchant = merchant(signedIn);
        if (!TOKEN.matcher(token).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        StockForms.Read read = StockForms.read(form, clock.instant(), FUNDINGS);
        if (read.stock().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return list(merchant, model, form, token, read.errors());
        }
        try {
            CouponStock created = stocks.create(creator(merchant), read.stock().get(), "portal-" + token,
                    StockForms.fingerprint(form));
            redirect.addFlashAttribute("message", "Stock " + created.stockId() + " created; start it to send coupons.");
            return "redirect:/merchant/marketing/stocks/" + created.stockId();
        } catch (MarketingRefusal e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return list(merchant, model, form, token, Map.of(StockForms.fieldOf(e.getMessage()), e.getMessage()));
        }
    }

    private String list(Merchant merchant, Model model, StockForms.Form form, String token, Map<String, String> errors) {
        model.addAttribute("stocks", stocks.list(creator(merchant), null, 0, 100));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("token", token);
        model.addAttribute("zone", StockForms.CHINA);
        return "merchant/marketing";
    }

    @GetMapping("/merchant/marketing/stocks/{stockId}")
    String stock(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String stockId, Model model) {
        CouponStocks.Creator me = creator(merchant(signedIn));
        CouponStock stock = mine(me, stockId);
        model.addAttribute("stock", stock);
        model.addAttribute("days", stocks.days(me, stockId, DAYS_SHOWN));
        model.addAttribute("daysShown", DAYS_SHOWN);
        model.addAttribute("funded", stocks.fundingBalanceFen(stock));
        model.addAttribute("claimUrl", claimUrl(stockId));
        model.addAttribute("zone", StockForms.CHINA);
        return "merchant/marketing-stock";
    }

    @GetMapping(value = "/merchant/marketing/stocks/{stockId}/claim-qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> claimQr(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String stockId) {
        mine(creator(merchant(signedIn)), stockId);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrPng.of(claimUrl(stockId)));
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
        return "redirect:/merchant/marketing/stocks/" + stockId;
    }

    private CouponStock mine(CouponStocks.Creator me, String stockId) {
        try {
            return stocks.stock(me, stockId);
        } catch (MarketingRefusal e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** The wallet page a user opens to claim; absolute, since it is shared outside the portal. */
    private static String claimUrl(String stockId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/wallet/coupons/claim/{id}")
                .buildAndExpand(stockId).toUriString();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), StockForms.CHINA);
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
