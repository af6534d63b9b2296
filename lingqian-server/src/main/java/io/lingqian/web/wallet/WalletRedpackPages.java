package io.lingqian.web.wallet;

import java.time.ZoneId;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.platform.security.SignedInUser;
import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.redpack.RedpackRefusal;
import io.lingqian.redpack.RedpackShare;
import io.lingqian.wallet.Yuan;

/**
 * The wallet's merchant red packets: the list ({@code /wallet/merchant-red-packets}) with each packet's
 * sender, wishing and campaign, and opening one. A group packet's link
 * ({@code /wallet/merchant-red-packets/{id}}) is what its first recipient forwards.
 */
@Controller
class WalletRedpackPages {

    private final MerchantRedpacks redpacks;

    WalletRedpackPages(MerchantRedpacks redpacks) {
        this.redpacks = redpacks;
    }

    @GetMapping("/wallet/merchant-red-packets")
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("packets", redpacks.ofUser(me.id()).stream()
                .map(p -> WalletRedpackApiController.PacketView.of(p, me.id())).toList());
        model.addAttribute("zone", ZoneId.of("Asia/Shanghai"));
        return "wallet/merchant-red-packets";
    }

    @GetMapping("/wallet/merchant-red-packets/{id}")
    String one(@AuthenticationPrincipal SignedInUser me, @PathVariable String id, Model model) {
        try {
            model.addAttribute("packets", List.of(
                    WalletRedpackApiController.PacketView.of(redpacks.forUser(me.id(), id), me.id())));
        } catch (RedpackRefusal refused) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("zone", ZoneId.of("Asia/Shanghai"));
        return "wallet/merchant-red-packets";
    }

    @PostMapping("/wallet/merchant-red-packets/{id}/open")
    String open(@AuthenticationPrincipal SignedInUser me, @PathVariable String id, RedirectAttributes redirect) {
        try {
            RedpackShare share = redpacks.open(me.id(), id);
            redirect.addFlashAttribute("message", "¥" + Yuan.format(share.amountFen()) + " added to your balance.");
        } catch (RedpackRefusal refused) {
            if (refused.reason() == RedpackRefusal.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/wallet/merchant-red-packets/" + id;
    }
}
