package io.lingqian.web.merchant;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.partner.ProviderCommissions;
import io.lingqian.partner.ProviderReach;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.partner.SubMerchant;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/**
 * The provider's books in the portal: its sub-merchants' orders (all, or one shop's) and their
 * settlements with the provider's commission on each. Only for a service provider, and only its own
 * sub-merchants: another's shop in the filter answers 404, as it does everywhere in the section.
 */
@Controller
class PartnerBooksController {

    private final MerchantAccounts accounts;
    private final ServiceProviders providers;
    private final ProviderReach reach;
    private final ProviderCommissions commissions;

    PartnerBooksController(MerchantAccounts accounts, ServiceProviders providers, ProviderReach reach,
            ProviderCommissions commissions) {
        this.accounts = accounts;
        this.providers = providers;
        this.reach = reach;
        this.commissions = commissions;
    }

    @GetMapping("/merchant/partner/orders")
    String orders(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) Long sub, Model model) {
        Merchant provider = provider(user);
        Optional<SubMerchant> shop = Optional.ofNullable(sub).map(id -> own(provider, id));
        model.addAttribute("merchant", provider);
        model.addAttribute("subMerchants", providers.subMerchantsOf(provider.id()));
        model.addAttribute("selected", shop.map(SubMerchant::merchantId).orElse(null));
        model.addAttribute("orders", reach.orders(provider.id(), shop.map(SubMerchant::merchantId)));
        return "merchant/partner-orders";
    }

    @GetMapping("/merchant/partner/settlements")
    String settlements(@AuthenticationPrincipal SignedInUser user, Model model) {
        Merchant provider = provider(user);
        model.addAttribute("merchant", provider);
        model.addAttribute("settlements", reach.settlements(provider.id()));
        model.addAttribute("commissionTotalFen", commissions.totalOf(provider.id()));
        model.addAttribute("shareBasisPoints", commissions.shareBasisPoints());
        return "merchant/partner-settlements";
    }

    private Merchant provider(SignedInUser user) {
        Merchant merchant = accounts.merchantOfPortalUser(user.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!providers.isProvider(merchant.id())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return merchant;
    }

    private SubMerchant own(Merchant provider, long id) {
        try {
            return providers.ownSubMerchant(provider.id(), id);
        } catch (ApiProblemException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
