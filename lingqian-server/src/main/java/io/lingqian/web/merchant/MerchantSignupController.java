package io.lingqian.web.merchant;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.merchant.InvalidApplicationException;
import io.lingqian.merchant.MerchantApplications;

/** The public sign-up page: a new merchant, its first portal user and an empty application. */
@Controller
class MerchantSignupController {

    private final MerchantApplications applications;

    MerchantSignupController(MerchantApplications applications) {
        this.applications = applications;
    }

    @GetMapping("/merchant/signup")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        return "merchant/signup";
    }

    @PostMapping("/merchant/signup")
    String signUp(@RequestParam String companyName, @RequestParam String email, @RequestParam String displayName,
            @RequestParam String password, Model model) {
        try {
            applications.signUp(companyName, email, displayName, password);
            return "redirect:/merchant/login?signedUp";
        } catch (InvalidApplicationException e) {
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("companyName", companyName);
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            return "merchant/signup";
        }
    }
}
