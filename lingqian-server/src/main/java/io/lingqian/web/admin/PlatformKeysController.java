package io.lingqian.web.admin;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.platform.security.SignedInUser;

/** ADMIN only: the platform's signing keys with their serials and PUB_KEY_IDs, rotation and retirement, and who did what. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PlatformKeysController {

    private final PlatformKeys keys;
    private final io.lingqian.audit.AuditLog audit;

    PlatformKeysController(PlatformKeys keys, io.lingqian.audit.AuditLog audit) {
        this.audit = audit;
        this.keys = keys;
    }

    @GetMapping("/admin/platform-keys")
    String page(Model model) {
        model.addAttribute("keys", keys.all());
        model.addAttribute("events", keys.history(50));
        return "admin/platform-keys";
    }

    @PostMapping("/admin/platform-keys/rotate")
    String rotate(@AuthenticationPrincipal SignedInUser staff, RedirectAttributes redirect) {
        PlatformKey created = keys.rotate(staff.id(), staff.displayName());
        audit.staff(staff.id(), staff.displayName(), "PLATFORM_KEY_ROTATED", "platform-key:" + created.serialNo(), "");
        redirect.addFlashAttribute("notice", "New preferred key " + created.serialNo()
                + "; the previous keys stay active until retired.");
        return "redirect:/admin/platform-keys";
    }

    @PostMapping("/admin/platform-keys/{serialNo}/retire")
    String retire(@PathVariable String serialNo, @AuthenticationPrincipal SignedInUser staff,
            RedirectAttributes redirect) {
        try {
            keys.retire(serialNo, staff.id(), staff.displayName());
            audit.staff(staff.id(), staff.displayName(), "PLATFORM_KEY_RETIRED", "platform-key:" + serialNo, "");
            redirect.addFlashAttribute("notice", "Key " + serialNo + " retired: it signs nothing from now on.");
        } catch (IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/platform-keys";
    }
}
