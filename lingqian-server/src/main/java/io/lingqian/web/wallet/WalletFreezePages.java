package io.lingqian.web.wallet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.risk.RiskGate;
import io.lingqian.risk.WalletFreezes;

/**
 * The wallet console's freeze pages: the emergency freeze for someone not signed in (lost phone),
 * freezing one's own wallet, asking to lift a freeze, and confirming a risk challenge's SMS code.
 */
@Controller
class WalletFreezePages {

    private final WalletFreezes freezes;
    private final RiskGate gate;

    WalletFreezePages(WalletFreezes freezes, RiskGate gate) {
        this.freezes = freezes;
        this.gate = gate;
    }

    @GetMapping("/wallet/emergency-freeze")
    String emergency() {
        return "wallet/emergency-freeze";
    }

    /** Step 1 (mobile + ID number) or step 2 (the SMS code), on one page. */
    @PostMapping("/wallet/emergency-freeze")
    String emergencyStep(@RequestParam(required = false) String mobile, @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) String verificationId, @RequestParam(required = false) String smsCode,
            Model model) {
        try {
            if (verificationId == null) {
                WalletFreezes.Started started = freezes.startEmergency(mobile, idNumber);
                model.addAttribute("started", started);
            } else {
                freezes.confirmEmergency(verificationId, smsCode);
                model.addAttribute("frozen", true);
            }
        } catch (ApiProblemException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("verificationId", verificationId);
        }
        return "wallet/emergency-freeze";
    }

    @GetMapping("/wallet/freeze")
    String freeze(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("freeze", freezes.active(me.id()).orElse(null));
        model.addAttribute("requests", freezes.unfreezeRequests(null, me.id()));
        return "wallet/freeze";
    }

    @PostMapping("/wallet/freeze")
    String freezeOwn(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/freeze", () -> {
            freezes.freezeOwn(me.id(), reason);
            return "Your wallet is frozen. Money can still arrive; nothing can leave it.";
        });
    }

    @PostMapping("/wallet/freeze/unfreeze-request")
    String requestUnfreeze(@AuthenticationPrincipal SignedInUser me, @RequestParam String idNumber,
            RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/freeze", () -> {
            WalletFreezes.Started started = freezes.requestUnfreeze(me.id(), idNumber);
            redirect.addFlashAttribute("started", started);
            return "An SMS code was sent to " + started.code().maskedMobile() + ".";
        });
    }

    @PostMapping("/wallet/freeze/unfreeze-confirm")
    String confirmUnfreeze(@AuthenticationPrincipal SignedInUser me, @RequestParam long requestId,
            @RequestParam String smsCode, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/freeze", () -> {
            freezes.confirmUnfreeze(me.id(), requestId, smsCode);
            return "Identity confirmed. Our staff will review the request and lift the freeze.";
        });
    }

    /** A refused payment named a challenge: confirm its code, then submit the same payment again. */
    @PostMapping("/wallet/risk-challenges/confirm")
    String confirmChallenge(@AuthenticationPrincipal SignedInUser me, @RequestParam String challengeId,
            @RequestParam String smsCode, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/freeze", () -> {
            gate.confirmChallenge(me.id(), challengeId, smsCode);
            return "Confirmed. Submit the same payment again: it goes through once.";
        });
    }
}
