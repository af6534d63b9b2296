package io.lingqian.web.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
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

import io.lingqian.audit.AuditLog;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.StockFunding;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.web.StockForms;
import jakarta.servlet.http.HttpServletResponse;

/**
 * FINANCE and ADMIN: platform-funded coupon stocks (预充值 by the operator). Activating one moves its
 * whole budget from the operator's capital into the stock's own COUPON_FUNDING ledger account; stopping
 * it returns the budget never sent (coupons already sent stay usable to the end of the window, and what
 * they leave unused returns when the stock expires). FINANCE, because these pages spend the operator's
 * money; each action is written to the audit log.
 */
@Controller
@PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
class PlatformStocksController {

    private static final String PAGE = "/admin/marketing/stocks";
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

    private final CouponStocks stocks;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PlatformStocksController(CouponStocks stocks, AuditLog audit, Clock clock) {
        this.stocks = stocks;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        return page(model, StockForms.Form.blank(LocalDate.ofInstant(clock.instant(), StockForms.CHINA),
                StockFunding.PLATFORM), newToken(), Map.of());
    }

    @PostMapping(PAGE)
    String create(@AuthenticationPrincipal SignedInUser staff, @RequestParam String token,
            @ModelAttribute("form") StockForms.Form form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!TOKEN.matcher(token).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        StockForms.Read read = StockForms.read(form, clock.instant(), List.of(StockFunding.PLATFORM));
        if (read.stock().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form, token, read.errors());
        }
        try {
            CouponStock created = stocks.create(CouponStocks.Creator.PLATFORM, read.stock().get(), "admin-" + token,
                    StockForms.fingerprint(form));
            audit.staff(staff.id(), staff.displayName(), "COUPON_STOCK_CREATED", "coupon_stock:" + created.stockId(),
                    "budget " + created.maxAmountFen() + " fen");
            redirect.addFlashAttribute("notice", "Platform stock " + created.stockId()
                    + " created; activate it to fund its budget and send coupons.");
            return "redirect:" + PAGE;
        } catch (MarketingRefusal e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form, token, Map.of(StockForms.fieldOf(e.getMessage()), e.getMessage()));
        }
    }

    @PostMapping(PAGE + "/{stockId}/{action}")
    String change(@AuthenticationPrincipal SignedInUser staff, @PathVariable String stockId,
            @PathVariable String action, RedirectAttributes redirect) {
        CouponStocks.Creator platform = CouponStocks.Creator.PLATFORM;
        try {
            CouponStock changed = switch (action) {
                case "start" -> stocks.start(platform, stockId);
                case "pause" -> stocks.pause(platform, stockId);
                case "restart" -> stocks.restart(platform, stockId);
                case "stop" -> stocks.stop(platform, stockId);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            };
            audit.staff(staff.id(), staff.displayName(), "COUPON_STOCK_" + changed.status().name(),
                    "coupon_stock:" + stockId, "");
            redirect.addFlashAttribute("notice", "Platform stock " + stockId + ": " + action + " done.");
        } catch (MarketingRefusal e) {
            if (e.reason() == MarketingRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + PAGE;
    }

    private String page(Model model, StockForms.Form form, String token, Map<String, String> errors) {
        List<CouponStock> platform = stocks.list(CouponStocks.Creator.PLATFORM, null, 0, 100);
        Map<String, Long> funded = new LinkedHashMap<>();
        platform.forEach(s -> funded.put(s.stockId(), stocks.fundingBalanceFen(s)));
        model.addAttribute("stocks", platform);
        model.addAttribute("funded", funded);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("token", token);
        model.addAttribute("zone", StockForms.CHINA);
        return "admin/platform-stocks";
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
