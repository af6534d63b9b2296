package io.lingqian.web.wallet.care;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.care.Claim;
import io.lingqian.care.Claims;
import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.ComplaintStep;
import io.lingqian.care.Complaints;
import io.lingqian.care.Ticket;
import io.lingqian.care.Tickets;
import io.lingqian.platform.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The wallet REST API for customer care. Only the signed-in user's own claims, complaints and tickets
 * are ever listed or found; another user's answers 404. Amounts are integer fen; errors problem+json.
 */
@RestController
@RequestMapping("/api/wallet")
@Tag(name = "Care", description = "Compensation claims, complaints about merchant payments, support tickets")
class CareApiController {

    private final Claims claims;
    private final Complaints complaints;
    private final Tickets tickets;

    CareApiController(Claims claims, Complaints complaints, Tickets tickets) {
        this.claims = claims;
        this.complaints = complaints;
        this.tickets = tickets;
    }

    /**
     * @param bills      references of the user's bills (see {@code /api/wallet/bills})
     * @param claimedFen what to claim; absent for everything that left the balance in those bills
     */
    record NewClaim(List<String> bills, Long claimedFen, String description) {
    }

    @PostMapping("/claims")
    @Operation(summary = "File a compensation claim on your own bills you say were stolen")
    ResponseEntity<Claim> file(@AuthenticationPrincipal SignedInUser me, @RequestBody NewClaim request) {
        Claim claim = claims.file(me.id(), request.bills(), request.claimedFen(), request.description());
        return ResponseEntity.created(URI.create("/api/wallet/claims/" + claim.id())).body(claim);
    }

    @GetMapping("/claims")
    @Operation(summary = "Your compensation claims, newest first")
    List<Claim> claims(@AuthenticationPrincipal SignedInUser me) {
        return claims.ofUser(me.id());
    }

    @GetMapping("/claims/{id}")
    @Operation(summary = "One of your claims and its state")
    Claim claim(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return claims.ofUser(me.id(), id);
    }

    /**
     * @param bill               the payment's bill reference, {@code payment:<transaction_id>}
     * @param requestedRefundFen what to ask back, or absent
     */
    record NewComplaint(String bill, ComplaintKind kind, String description, Long requestedRefundFen) {
    }

    /** A complaint with its history, as the user sees it. */
    record ComplaintWithHistory(Complaint complaint, List<ComplaintStep> history) {
    }

    @PostMapping("/complaints")
    @Operation(summary = "Complain about one of your merchant payments")
    ResponseEntity<Complaint> complain(@AuthenticationPrincipal SignedInUser me, @RequestBody NewComplaint request) {
        Complaint complaint = complaints.file(me.id(), request.bill(), request.kind(), request.description(),
                request.requestedRefundFen());
        return ResponseEntity.created(URI.create("/api/wallet/complaints/" + complaint.complaintId())).body(complaint);
    }

    @GetMapping("/complaints")
    @Operation(summary = "Your complaints, newest first")
    List<Complaint> complaints(@AuthenticationPrincipal SignedInUser me) {
        return complaints.ofUser(me.id());
    }

    @GetMapping("/complaints/{complaintId}")
    @Operation(summary = "One of your complaints with the merchant's answers")
    ComplaintWithHistory complaint(@AuthenticationPrincipal SignedInUser me, @PathVariable String complaintId) {
        Complaint complaint = complaints.ofUser(me.id(), complaintId);
        return new ComplaintWithHistory(complaint, complaints.history(complaint));
    }

    record NewTicket(String subject, String text) {
    }

    record NewMessage(String text) {
    }

    /** A ticket with its conversation, as the user sees it. */
    record TicketWithMessages(Ticket ticket, List<Ticket.Message> messages) {
    }

    @PostMapping("/tickets")
    @Operation(summary = "Open a support ticket")
    ResponseEntity<Ticket> openTicket(@AuthenticationPrincipal SignedInUser me, @RequestBody NewTicket request) {
        Ticket ticket = tickets.open(me.id(), request.subject(), request.text());
        return ResponseEntity.created(URI.create("/api/wallet/tickets/" + ticket.id())).body(ticket);
    }

    @GetMapping("/tickets")
    @Operation(summary = "Your support tickets, newest first")
    List<Ticket> tickets(@AuthenticationPrincipal SignedInUser me) {
        return tickets.ofUser(me.id());
    }

    @GetMapping("/tickets/{id}")
    @Operation(summary = "One of your tickets with the replies")
    TicketWithMessages ticket(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        Ticket ticket = tickets.ofUser(me.id(), id);
        return new TicketWithMessages(ticket, tickets.messages(ticket));
    }

    @PostMapping("/tickets/{id}/messages")
    @Operation(summary = "Write again on one of your tickets")
    Ticket writeAgain(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody NewMessage message) {
        return tickets.userReply(me.id(), id, message.text());
    }
}
