package io.lingqian.web.merchant;

import java.util.Map;

import org.springframework.http.HttpStatus;
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
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantCategory;
import io.lingqian.partner.PartnerOrders;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * The service provider's section of the portal: declaring the application a provider's, onboarding
 * shops as sub-merchants (their applications filled in and submitted here, reviewed by staff in the
 * ordinary queue, signed here once approved) and the orders taken for them. Only the signed-in
 * provider's own sub-merchants: another's answers 404.
 */
@Controller
class PartnerController {

    private final MerchantAccounts accounts;
    private final MerchantApplications applications;
    private final ServiceProviders providers;
    private final PartnerOrders orders;

    PartnerController(MerchantAccounts accounts, MerchantApplications applications, ServiceProviders providers,
            PartnerOrders orders) {
        this.accounts = accounts;
        this.applications = applications;
        this.providers = providers;
        this.orders = orders;
    }

    @ModelAttribute("merchant")
    Merchant merchant(@AuthenticationPrincipal SignedInUser user) {
        return accounts.merchantOfPortalUser(user.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/merchant/partner")
    String overview(@ModelAttribute("merchant") Merchant merchant, Model model) {
        boolean provider = providers.isProvider(merchant.id());
        model.addAttribute("provider", provider);
        model.addAttribute("active", providers.isActiveProvider(merchant.id()));
        model.addAttribute("canDeclare", !provider && providers.providerOf(merchant.id()).isEmpty()
                && applications.ofMerchant(merchant.id()).map(a -> a.state().editable()).orElse(false));
        model.addAttribute("subMerchants", provider ? providers.subMerchantsOf(merchant.id()) : java.util.List.of());
        model.addAttribute("orders", provider ? orders.recentOf(merchant.id()) : java.util.List.of());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "merchant/partner";
    }

    @PostMapping("/merchant/partner/declare")
    String declare(@ModelAttribute("merchant") Merchant merchant, RedirectAttributes redirect) {
        try {
            providers.declare(merchant.id());
            redirect.addFlashAttribute("notice", "Your application is now a service provider's.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/partner";
    }

    @PostMapping("/merchant/partner/sub-merchants")
    String onboard(@ModelAttribute("merchant") Merchant merchant, @RequestParam String shopName,
            @RequestParam String businessCode, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        try {
            long id = providers.onboard(merchant.id(), shopName, businessCode, actor(user)).merchantId();
            return "redirect:/merchant/partner/sub-merchants/" + id;
        } catch (InvalidApplicationException e) {
            redirect.addFlashAttribute("errors", e.fieldErrors());
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/partner";
    }

    @GetMapping("/merchant/partner/sub-merchants/{id}")
    String subMerchant(@ModelAttribute("merchant") Merchant merchant, @PathVariable long id, Model model) {
        model.addAttribute("sub", own(merchant, id));
        var app = providers.applicationOf(merchant.id(), id);
        model.addAttribute("subApplication", app);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", app.form());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("categories", MerchantCategory.values());
        model.addAttribute("banks", PartnerBank.values());
        return "merchant/partner-sub-merchant";
    }

    @PostMapping("/merchant/partner/sub-merchants/{id}/application")
    String save(@ModelAttribute("merchant") Merchant merchant, @PathVariable long id, ApplicationForm form,
            @RequestParam(defaultValue = "save") String action, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        own(merchant, id);
        try {
            providers.saveApplication(merchant.id(), id, form);
            if ("submit".equals(action)) {
                providers.submitApplication(merchant.id(), id, actor(user));
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
        return "redirect:/merchant/partner/sub-merchants/" + id;
    }

    @PostMapping("/merchant/partner/sub-merchants/{id}/contract")
    String sign(@ModelAttribute("merchant") Merchant merchant, @PathVariable long id,
            @AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        own(merchant, id);
        try {
            providers.signContract(merchant.id(), id, actor(user));
            redirect.addFlashAttribute("notice", "Contract signed for the shop.");
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/partner/sub-merchants/" + id;
    }

    private io.lingqian.partner.SubMerchant own(Merchant merchant, long id) {
        try {
            return providers.ownSubMerchant(merchant.id(), id);
        } catch (ApiProblemException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static Actor actor(SignedInUser user) {
        return Actor.merchantUser(user.id(), user.displayName());
    }
}
