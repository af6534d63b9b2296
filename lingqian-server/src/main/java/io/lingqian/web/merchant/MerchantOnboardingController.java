package io.lingqian.web.merchant;

import java.util.Arrays;
import java.util.Map;

import org.springframework.http.HttpHeaders;
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

import io.lingqian.accounting.PartnerBank;
import io.lingqian.merchant.Actor;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.AppSecret;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.merchant.MerchantFees;
import io.lingqian.merchant.Settlement;
import io.lingqian.merchant.Settlements;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * The merchant portal's onboarding and money pages: the application, apps, fee rate, balance and
 * settlements. Every page works on the signed-in user's own merchant only; nothing takes a merchant
 * id from the request, and an appid or settlement id of another merchant is answered with 404.
 */
@Controller
class MerchantOnboardingController {

    private final MerchantAccounts accounts;
    private final MerchantApplications applications;
    private final MerchantApps apps;
    private final MerchantFees fees;
    private final Settlements settlements;

    MerchantOnboardingController(MerchantAccounts accounts, MerchantApplications applications, MerchantApps apps,
            MerchantFees fees, Settlements settlements) {
        this.accounts = accounts;
        this.applications = applications;
        this.apps = apps;
        this.fees = fees;
        this.settlements = settlements;
    }

    @ModelAttribute("merchant")
    Merchant merchant(@AuthenticationPrincipal SignedInUser user) {
        return accounts.merchantOfPortalUser(user.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/merchant/application")
    String application(@ModelAttribute("merchant") Merchant merchant, Model model) {
        MerchantApplication app = applications.ofMerchant(merchant.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", app.form());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("merchantApplication", app);
        model.addAttribute("categories", MerchantCategory.values());
        model.addAttribute("banks", PartnerBank.values());
        return "merchant/application";
    }

    @PostMapping("/merchant/application")
    String save(@ModelAttribute("merchant") Merchant merchant, ApplicationForm form,
            @RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        try {
            applications.save(merchant.id(), form);
            if ("submit".equals(action)) {
                applications.submit(merchant.id(), actor(user));
                redirect.addFlashAttribute("notice", "Submitted for review.");
            } else {
                redirect.addFlashAttribute("notice", "Saved.");
            }
        } catch (InvalidApplicationException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
            redirect.addFlashAttribute("form", form);
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/application";
    }

    @PostMapping("/merchant/application/contract")
    String sign(@ModelAttribute("merchant") Merchant merchant, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        try {
            applications.signContract(merchant.id(), actor(user));
            redirect.addFlashAttribute("notice", "Contract signed.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/application";
    }

    @GetMapping("/merchant/apps")
    String apps(@ModelAttribute("merchant") Merchant merchant, Model model) {
        model.addAttribute("apps", apps.appsOf(merchant.id()));
        model.addAttribute("kinds", AppKind.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "merchant/apps";
    }

    @PostMapping("/merchant/apps")
    String register(@ModelAttribute("merchant") Merchant merchant, @RequestParam AppKind kind,
            @RequestParam String name, @RequestParam(defaultValue = "") String domains, RedirectAttributes redirect) {
        try {
            AppSecret created = apps.register(merchant.id(), kind, name,
                    Arrays.stream(domains.split("[,\\s]+")).filter(d -> !d.isBlank()).toList());
            redirect.addFlashAttribute("secret", created);
        } catch (InvalidApplicationException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/apps";
    }

    @PostMapping("/merchant/apps/{appid}/secret")
    String replaceSecret(@ModelAttribute("merchant") Merchant merchant, @PathVariable String appid,
            RedirectAttributes redirect) {
        if (apps.appOf(merchant.id(), appid).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("secret", apps.replaceSecret(merchant.id(), appid));
        return "redirect:/merchant/apps";
    }

    @GetMapping("/merchant/fees")
    String fees(@ModelAttribute("merchant") Merchant merchant, Model model) {
        model.addAttribute("rate", fees.rateOf(merchant.id()));
        return "merchant/fees";
    }

    @GetMapping("/merchant/balance")
    String balance(@ModelAttribute("merchant") Merchant merchant, Model model) {
        model.addAttribute("balance", settlements.balance(merchant.id()));
        model.addAttribute("settlements", settlements.history(merchant.id()));
        model.addAttribute("rate", fees.rateOf(merchant.id()));
        return "merchant/balance";
    }

    @GetMapping("/merchant/settlements/{id}/report.csv")
    ResponseEntity<String> report(@ModelAttribute("merchant") Merchant merchant, @PathVariable long id) {
        Settlement s = settlements.settlement(merchant.id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"settlement-" + s.settlementDate() + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(settlements.report(s));
    }

    private static Actor actor(SignedInUser user) {
        return Actor.merchantUser(user.id(), user.displayName());
    }

}
