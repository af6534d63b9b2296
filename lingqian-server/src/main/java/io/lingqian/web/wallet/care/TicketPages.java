package io.lingqian.web.wallet.care;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.care.Ticket;
import io.lingqian.care.Tickets;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;

/** The wallet's help pages: the user's support tickets, opening one, and the conversation. */
@Controller
class TicketPages {

    private final Tickets tickets;
    private final Clock clock;

    TicketPages(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    @GetMapping("/wallet/tickets")
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("tickets", tickets.ofUser(me.id()));
        return "wallet/care/tickets";
    }

    @PostMapping("/wallet/tickets")
    String open(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
        try {
            Ticket ticket = tickets.open(me.id(), subject, text);
            flash.addFlashAttribute("message", "We have your question and will answer soon.");
            return "redirect:/wallet/tickets/" + ticket.id();
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
            return "redirect:/wallet/tickets";
        }
    }

    @GetMapping("/wallet/tickets/{id}")
    String ticket(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, Model model) {
        Ticket ticket = Found.orNotFound(() -> tickets.ofUser(me.id(), id));
        model.addAttribute("ticket", ticket);
        model.addAttribute("messages", tickets.messages(ticket));
        return "wallet/care/ticket";
    }

    @PostMapping("/wallet/tickets/{id}/messages")
    String writeAgain(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
        Found.orNotFound(() -> tickets.ofUser(me.id(), id));
        try {
            tickets.userReply(me.id(), id, text);
        } catch (ApiProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/wallet/tickets/" + id;
    }
}
