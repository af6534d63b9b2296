package io.lingqian.web.wallet;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.social.Arrival;
import io.lingqian.social.Contacts;
import io.lingqian.social.Groups;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPacketState;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Share;
import io.lingqian.social.Transfer;
import io.lingqian.social.TransferState;
import io.lingqian.social.Transfers;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.Yuan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Wallet pages for money between friends: contacts and groups, transfers, red packets. Every page
 * shows only what the services let the signed-in user see (another person's transfer, packet or
 * group is "not found"); a refusal is shown as a message, never an error page.
 */
@Controller
class WalletFriendsPages {

    private static final DateTimeFormatter ARRIVAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Contacts contacts;
    private final Groups groups;
    private final Transfers transfers;
    private final RedPackets packets;
    private final WalletCards cards;
    private final Clock clock;

    WalletFriendsPages(Contacts contacts, Groups groups, Transfers transfers, RedPackets packets, WalletCards cards,
            Clock clock) {
        this.cards = cards;
        this.contacts = contacts;
        this.groups = groups;
        this.transfers = transfers;
        this.packets = packets;
        this.clock = clock;
    }

    /** A group, transfer or packet the user may not see, or any other refusal while showing a page. */
    @ExceptionHandler(ApiProblemException.class)
    String refused(ApiProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("problem", e.getMessage());
        return "wallet/friends/refused";
    }

    // --- contacts and groups ---------------------------------------------------------------------

    @GetMapping("/wallet/friends")
    String friends(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("contacts", contacts.contacts(me.id()));
        model.addAttribute("groups", groups.groups(me.id()));
        return "wallet/friends/friends";
    }

    @PostMapping("/wallet/friends/contacts")
    String addContact(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String mobile,
            RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/friends",
                () -> contacts.add(me.id(), mobile).displayName() + " is a contact now.");
    }

    @PostMapping("/wallet/friends/groups")
    String createGroup(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String name,
            @RequestParam(required = false) List<Long> memberIds, RedirectAttributes redirect) {
        try {
            var group = groups.create(me.id(), name, memberIds);
            redirect.addFlashAttribute("message", "Group " + group.name() + " created with "
                    + group.members().size() + " members.");
            return "redirect:/wallet/groups/" + group.id();
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/friends";
        }
    }

    @GetMapping("/wallet/groups/{id}")
    String group(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, Model model) {
        var group = groups.group(me.id(), id);
        model.addAttribute("group", group);
        model.addAttribute("addable", contacts.contacts(me.id()).stream().filter(c -> !group.hasMember(c.userId()))
                .toList());
        return "wallet/friends/group";
    }

    @PostMapping("/wallet/groups/{id}/members")
    String addMember(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam long userId,
            RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/groups/" + id,
                () -> "Members: " + groups.addMember(me.id(), id, userId).members().size() + ".");
    }

    // --- transfers -------------------------------------------------------------------------------

    /** A transfer as the viewer sees it, with what they may do now. */
    record TransferView(Transfer transfer, boolean incoming, boolean mayAccept, boolean mayReturn, boolean mayWithdraw,
                        String state) {
    }

    @GetMapping("/wallet/transfers")
    String transfers(@AuthenticationPrincipal SignedInUser me, Model model) {
        var now = clock.instant();
        List<TransferView> all = transfers.transfers(me.id()).stream().map(t -> {
            boolean incoming = t.receiverId() == me.id();
            boolean waiting = t.state() == TransferState.SENT && now.isBefore(t.expiresAt());
            boolean arrived = !now.isBefore(t.arrivesAt());
            String state = t.state() == TransferState.SENT
                    ? (!waiting ? "expired, going back to the sender" : arrived ? "waiting to be accepted"
                    : "arrives " + ARRIVAL_TIME.format(t.arrivesAt().atZone(clock.getZone())))
                    : t.state().label();
            return new TransferView(t, incoming, incoming && t.acceptableAt(now), incoming && waiting && arrived,
                    !incoming && waiting && !arrived, state);
        }).toList();
        model.addAttribute("incoming", all.stream().filter(TransferView::incoming).toList());
        model.addAttribute("outgoing", all.stream().filter(v -> !v.incoming()).toList());
        model.addAttribute("contacts", contacts.contacts(me.id()));
        model.addAttribute("arrivals", Arrival.values());
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "wallet/friends/transfers";
    }

    @PostMapping("/wallet/transfers")
    String sendTransfer(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) Long receiverId,
            @RequestParam(required = false) String amount, @RequestParam(required = false) Arrival arrival,
            @RequestParam(required = false) String note, @RequestParam String requestId,
            @RequestParam(required = false) String paymentPassword, @RequestParam(required = false) Long cardId,
            HttpServletRequest request, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/transfers", () -> {
            Transfer t = transfers.send(me.id(), DeviceIds.of(request), new Transfers.Send(receiver(receiverId),
                    WalletMoneyPages.fen(amount), arrival, note, requestId, paymentPassword, cardId));
            return "Sent " + Yuan.format(t.amountFen()) + " CNY to " + t.receiverName() + "; it arrives "
                    + t.arrival().label() + " and waits for them to accept.";
        });
    }

    private static long receiver(Long id) {
        if (id == null) {
            throw new ApiProblemException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_receiver",
                    "Choose a contact.");
        }
        return id;
    }

    @PostMapping("/wallet/transfers/{id}/accept")
    String accept(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/transfers", () -> {
            Transfer t = transfers.accept(me.id(), id);
            return "Accepted " + Yuan.format(t.amountFen()) + " CNY from " + t.senderName() + ".";
        });
    }

    @PostMapping("/wallet/transfers/{id}/return")
    String giveBack(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/transfers", () -> {
            Transfer t = transfers.giveBack(me.id(), id);
            return "Returned " + Yuan.format(t.amountFen()) + " CNY to " + t.senderName() + ".";
        });
    }

    @PostMapping("/wallet/transfers/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        return WalletMoneyPages.act(redirect, "/wallet/transfers", () -> {
            Transfer t = transfers.withdraw(me.id(), id);
            return "Withdrew " + Yuan.format(t.amountFen()) + " CNY; it is back in your balance.";
        });
    }

    // --- red packets -----------------------------------------------------------------------------

    @GetMapping("/wallet/red-packets")
    String packets(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) Long groupId,
            Model model) {
        model.addAttribute("selectedGroup", groupId);
        model.addAttribute("inbox", packets.inbox(me.id()).stream().filter(p -> mayOpen(me, p)).toList());
        model.addAttribute("sent", packets.sent(me.id()));
        model.addAttribute("received", packets.received(me.id()));
        model.addAttribute("contacts", contacts.contacts(me.id()));
        model.addAttribute("groups", groups.groups(me.id()));
        model.addAttribute("kinds", RedPacketKind.values());
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("shareCap", Yuan.format(packets.shareCapToday()));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "wallet/friends/red-packets";
    }

    @PostMapping("/wallet/red-packets")
    String sendPacket(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) RedPacketKind kind,
            @RequestParam(required = false) Long groupId, @RequestParam(required = false) Long receiverId,
            @RequestParam(required = false) String amount, @RequestParam(required = false) Integer shares,
            @RequestParam(required = false) String greeting, @RequestParam String requestId,
            @RequestParam(required = false) String paymentPassword, @RequestParam(required = false) Long cardId,
            HttpServletRequest request, RedirectAttributes redirect) {
        try {
            RedPacket p = packets.send(me.id(), DeviceIds.of(request), new RedPackets.Send(kind, groupId, receiverId,
                    WalletMoneyPages.fen(amount), shares == null ? 0 : shares, greeting, requestId, paymentPassword,
                    cardId));
            redirect.addFlashAttribute("message", "Sent a red packet of " + Yuan.format(p.totalFen()) + " CNY in "
                    + p.shares() + (p.shares() == 1 ? " share." : " shares."));
            return "redirect:/wallet/red-packets/" + p.id();
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/red-packets";
        }
    }

    @GetMapping("/wallet/red-packets/{id}")
    String packet(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, Model model) {
        RedPacket p = packets.packet(me.id(), id);
        model.addAttribute("packet", p);
        model.addAttribute("mine", p.shareOf(me.id()).orElse(null));
        model.addAttribute("mayOpen", mayOpen(me, p));
        return "wallet/friends/red-packet";
    }

    /** A group's packet is for every member, its sender too (as in a group chat); one-to-one only for the receiver. */
    private boolean mayOpen(SignedInUser me, RedPacket p) {
        boolean forMe = p.kind() == RedPacketKind.ONE_TO_ONE ? p.receiverId() == me.id() : p.groupId() != null;
        return forMe && p.shareOf(me.id()).isEmpty() && p.state() == RedPacketState.OPEN
                && clock.instant().isBefore(p.expiresAt());
    }

    @PostMapping("/wallet/red-packets/{id}/open")
    String open(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            Share s = packets.open(me.id(), id);
            redirect.addFlashAttribute("message", "You got " + Yuan.format(s.amountFen()) + " CNY.");
        } catch (ApiProblemException e) {
            if (e.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/wallet/red-packets/" + id;
    }
}
