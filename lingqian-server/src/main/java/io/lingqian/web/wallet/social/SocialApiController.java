package io.lingqian.web.wallet.social;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.social.Arrival;
import io.lingqian.social.Contact;
import io.lingqian.social.Contacts;
import io.lingqian.social.Group;
import io.lingqian.social.Groups;
import io.lingqian.social.RedPacket;
import io.lingqian.social.RedPacketKind;
import io.lingqian.social.RedPackets;
import io.lingqian.social.Share;
import io.lingqian.social.Transfer;
import io.lingqian.social.Transfers;
import io.lingqian.web.wallet.DeviceIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import tools.jackson.core.JacksonException;

/**
 * Money between friends on the wallet API: contacts, groups, transfers (send, accept, return,
 * withdraw, status) and red packets (send, open, details, history). Amounts are integer fen; errors
 * are problem+json with a stable {@code code}.
 */
@RestController
@RequestMapping("/api/wallet")
@Tag(name = "Friends", description = "Contacts, groups, transfers and red packets")
class SocialApiController {

    private final Contacts contacts;
    private final Groups groups;
    private final Transfers transfers;
    private final RedPackets packets;

    SocialApiController(Contacts contacts, Groups groups, Transfers transfers, RedPackets packets) {
        this.contacts = contacts;
        this.groups = groups;
        this.transfers = transfers;
        this.packets = packets;
    }

    record NewContact(@NotNull String mobile) {
    }

    record NewGroup(@NotNull String name, List<Long> memberIds) {
    }

    record NewMember(@NotNull Long userId) {
    }

    record SendTransfer(@NotNull Long receiverId, @NotNull Long amountFen, Arrival arrival, String note,
                        @NotNull String clientRequestId, String paymentPassword, Long cardId) {
    }

    /** {@code shares} may be left out for a one-to-one packet; {@code cardId} pays with a bound card. */
    record SendRedPacket(@NotNull RedPacketKind kind, Long groupId, Long receiverId, @NotNull Long amountFen,
                         Integer shares, String greeting, @NotNull String clientRequestId, String paymentPassword,
                         Long cardId) {
    }

    record History(List<RedPacket> sent, List<RedPacket> received) {
    }

    @GetMapping("/contacts")
    @Operation(summary = "My contacts")
    List<Contact> contacts(@AuthenticationPrincipal SignedInUser me) {
        return contacts.contacts(me.id());
    }

    @PostMapping("/contacts")
    @Operation(summary = "Add a contact by mobile number")
    @ResponseStatus(HttpStatus.CREATED)
    Contact addContact(@AuthenticationPrincipal SignedInUser me, @Valid @RequestBody NewContact c) {
        return contacts.add(me.id(), c.mobile());
    }

    @GetMapping("/groups")
    @Operation(summary = "The groups I am a member of")
    List<Group> groups(@AuthenticationPrincipal SignedInUser me) {
        return groups.groups(me.id());
    }

    @PostMapping("/groups")
    @Operation(summary = "Create a group with some of my contacts (at most 500 members)")
    ResponseEntity<Group> createGroup(@AuthenticationPrincipal SignedInUser me, @Valid @RequestBody NewGroup g) {
        Group group = groups.create(me.id(), g.name(), g.memberIds());
        return ResponseEntity.created(URI.create("/api/wallet/groups/" + group.id())).body(group);
    }

    @GetMapping("/groups/{id}")
    @Operation(summary = "A group I am a member of")
    Group group(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return groups.group(me.id(), id);
    }

    @PostMapping("/groups/{id}/members")
    @Operation(summary = "Add one of my contacts to a group")
    Group addMember(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @Valid @RequestBody NewMember m) {
        return groups.addMember(me.id(), id, m.userId());
    }

    @PostMapping("/transfers")
    @Operation(summary = "Send a transfer to a contact; it waits in escrow until accepted (idempotent on clientRequestId)")
    ResponseEntity<Transfer> send(@AuthenticationPrincipal SignedInUser me, @Valid @RequestBody SendTransfer t,
            HttpServletRequest request) {
        Transfer sent = transfers.send(me.id(), DeviceIds.of(request), new Transfers.Send(t.receiverId(), t.amountFen(),
                t.arrival(), t.note(), t.clientRequestId(), t.paymentPassword(), t.cardId()));
        return ResponseEntity.created(URI.create("/api/wallet/transfers/" + sent.id())).body(sent);
    }

    @GetMapping("/transfers")
    @Operation(summary = "Transfers I sent or received, newest first")
    List<Transfer> transfers(@AuthenticationPrincipal SignedInUser me) {
        return transfers.transfers(me.id());
    }

    @GetMapping("/transfers/{id}")
    @Operation(summary = "A transfer's status")
    Transfer transfer(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return transfers.transfer(me.id(), id);
    }

    @PostMapping("/transfers/{id}/accept")
    @Operation(summary = "Accept a transfer sent to me")
    Transfer accept(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return transfers.accept(me.id(), id);
    }

    @PostMapping("/transfers/{id}/return")
    @Operation(summary = "Return a transfer sent to me")
    Transfer giveBack(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return transfers.giveBack(me.id(), id);
    }

    @PostMapping("/transfers/{id}/withdraw")
    @Operation(summary = "Withdraw a delayed transfer I sent before it arrives")
    Transfer withdraw(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return transfers.withdraw(me.id(), id);
    }

    @PostMapping("/red-packets")
    @Operation(summary = "Send a red packet to a contact or a group (idempotent on clientRequestId)")
    ResponseEntity<RedPacket> sendPacket(@AuthenticationPrincipal SignedInUser me, @Valid @RequestBody SendRedPacket p,
            HttpServletRequest request) {
        RedPacket sent = packets.send(me.id(), DeviceIds.of(request), new RedPackets.Send(p.kind(), p.groupId(),
                p.receiverId(), p.amountFen(), p.shares() == null ? 0 : p.shares(), p.greeting(), p.clientRequestId(), p.paymentPassword(),
                p.cardId()));
        return ResponseEntity.created(URI.create("/api/wallet/red-packets/" + sent.id())).body(sent);
    }

    @GetMapping("/red-packets")
    @Operation(summary = "Red packets I sent and opened")
    History history(@AuthenticationPrincipal SignedInUser me) {
        return new History(packets.sent(me.id()), packets.received(me.id()));
    }

    @GetMapping("/red-packets/{id}")
    @Operation(summary = "A red packet: who got what and when; the seed once it is finished or expired")
    RedPacket packet(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return packets.packet(me.id(), id);
    }

    @PostMapping("/red-packets/{id}/open")
    @Operation(summary = "Open a red packet (once per member)")
    Share open(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return packets.open(me.id(), id);
    }

    /**
     * A body that is not JSON, or a field of the wrong type: 400 naming the field when there is one
     * (Spring's generic problem would only say the body could not be read).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = e.getCause() instanceof JacksonException j ? j : null;
        String field = jackson == null ? "" : jackson.getPath().stream().map(r -> r.getPropertyName() != null
                ? r.getPropertyName() : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
        ProblemDetail problem;
        if (field.isEmpty()) {
            problem = ApiProblem.of(HttpStatus.BAD_REQUEST, ApiProblem.BAD_REQUEST, "The body is not valid JSON.");
        } else {
            problem = ApiProblem.of(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                    "The field " + field + " has the wrong type.");
            problem.setProperty(ApiProblem.ERRORS, List.of(Map.of("field", field, "message", "has the wrong type")));
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
