package io.lingqian.web.wallet.care;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.care.Claim;
import io.lingqian.care.Claims;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.Yuan;

/**
 * The wallet's compensation pages (百万保障): the user's claims with their states, and the form that
 * files one on bills where money left the balance.
 */
@Controller
class ClaimPages {

    private static final int BILLS_OFFERED = 50;

    private final Claims claims;
    private final WalletHistory history;
    private final Clock clock;

    ClaimPages(Claims claims, WalletHistory history, Clock clock) {
        this.claims = claims;
        this.history = history;
        this.clock = clock;
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    @GetMapping("/wallet/claims")
    String claims(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String bill, Model model) {
        model.addAttribute("claims", claims.ofUser(me.id()));
        List<Bill> outflows = history.bills(me.id(), null, null).stream()
                .filter(b -> b.amountFen() < 0 && !"FAILED".equals(b.status())).limit(BILLS_OFFERED).toList();
        model.addAttribute("outflows", outflows);
        model.addAttribute("preselected", bill == null ? "" : bill);
        return "wallet/care/claims";
    }

    @PostMapping("/wallet/claims")
    String file(@AuthenticationPrincipal SignedInUser me, @RequestParam(name = "bill", required = false) List<String> bills,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String description,
            RedirectAttributes flash) {
        Optional<Long> fen = amount.isBlank() ? Optional.empty() : Yuan.parse(amount);
        if (!amount.isBlank() && fen.isEmpty()) {
            flash.addFlashAttribute("error", "Enter the amount in yuan, such as 12.50, or leave it empty.");
            return "redirect:/wallet/claims";
        }
        try {
            Claim claim = claims.file(me.id(), bills, fen.orElse(null), description);
            flash.addFlashAttribute("message", "Claim " + claim.id() + " filed. We will look into it.");
            return "redirect:/wallet/claims/" + claim.id();
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/wallet/claims";
        }
    }

    @GetMapping("/wallet/claims/{id}")
    String claim(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, Model model) {
        model.addAttribute("claim", Found.orNotFound(() -> claims.ofUser(me.id(), id)));
        return "wallet/care/claim";
    }
}
