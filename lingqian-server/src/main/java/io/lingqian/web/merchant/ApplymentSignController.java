package io.lingqian.web.merchant;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.merchant.Actor;
import io.lingqian.partner.ApplymentRefusal;
import io.lingqian.partner.ApplymentState;
import io.lingqian.partner.Applyments;
import io.lingqian.platform.ApiProblemException;

/**
 * The sign link of an API applyment ({@code sign_url}): the shop's legal person, who has no portal
 * account, opens it to confirm the super administrator (ACCOUNT_NEED_VERIFY) and later to sign the
 * contract (NEED_SIGN). The unguessable token in the path is the only credential, as with WeChat's
 * link; an unknown token is 404.
 */
@Controller
class ApplymentSignController {

    private final Applyments applyments;

    ApplymentSignController(Applyments applyments) {
        this.applyments = applyments;
    }

    @GetMapping("/merchant/applyment/sign/{token}")
    String page(@PathVariable String token, Model model) {
        Applyments.SignPage page = applyments.signPage(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("page", page);
        model.addAttribute("token", token);
        model.addAttribute("verify", page.applyment().state() == ApplymentState.ACCOUNT_NEED_VERIFY);
        model.addAttribute("sign", page.applyment().state() == ApplymentState.NEED_SIGN);
        return "merchant/applyment-sign";
    }

    @PostMapping("/merchant/applyment/sign/{token}/verify")
    String verify(@PathVariable String token, RedirectAttributes redirect) {
        return act(token, redirect, () -> applyments.verifyAccount(token, legalPerson(token)));
    }

    @PostMapping("/merchant/applyment/sign/{token}/sign")
    String sign(@PathVariable String token, RedirectAttributes redirect) {
        return act(token, redirect, () -> applyments.sign(token, legalPerson(token)));
    }

    private Actor legalPerson(String token) {
        String name = applyments.signPage(token).map(Applyments.SignPage::legalPerson)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Actor.system("legal person " + name + " through the sign link");
    }

    private static String act(String token, RedirectAttributes redirect, Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("notice", "Done.");
        } catch (ApplymentRefusal e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (ApplymentState.IllegalApplymentTransition | ApiProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/merchant/applyment/sign/" + token;
    }
}
