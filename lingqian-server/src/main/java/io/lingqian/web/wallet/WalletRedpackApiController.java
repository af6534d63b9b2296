package io.lingqian.web.wallet;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.redpack.Redpack;
import io.lingqian.redpack.RedpackRefusal;
import io.lingqian.redpack.RedpackShare;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Merchants' red packets (企业红包) in the wallet API: the packets sent to the user, one packet, and
 * opening it. A normal packet is visible only to the user it was sent to (anyone else gets 404); a group
 * packet to anyone holding its id, one share each. Amounts are integer fen; errors are problem+json.
 */
@RestController
@RequestMapping("/api/wallet/merchant-red-packets")
@Tag(name = "Merchant red packets", description = "Red packets merchants sent to the user")
class WalletRedpackApiController {

    /**
     * A packet as the user sees it.
     *
     * @param myShareFen what this user opened, or null
     * @param openedShares how many shares are opened (a group packet's progress)
     */
    record PacketView(String id, String sendName, String wishing, String actName, boolean group, long totalFen,
                      int totalNum, int openedShares, String status, Instant sentAt, Instant expiresAt,
                      Long myShareFen) {

        static PacketView of(Redpack p, long userId) {
            return new PacketView(p.sendListid(), p.sendName(), p.wishing(), p.actName(), p.group(), p.totalFen(),
                    p.totalNum(), (int) p.shares().stream().filter(RedpackShare::opened).count(), p.status().name(),
                    p.sentAt(), p.expiresAt(), p.shareOf(userId).map(RedpackShare::amountFen).orElse(null));
        }
    }

    /** What opening gave the user. */
    record Opened(String id, long amountFen, Instant openedAt) {
    }

    private final MerchantRedpacks redpacks;

    WalletRedpackApiController(MerchantRedpacks redpacks) {
        this.redpacks = redpacks;
    }

    @GetMapping
    @Operation(summary = "Red packets merchants sent to me, newest first")
    List<PacketView> mine(@AuthenticationPrincipal SignedInUser me) {
        return redpacks.ofUser(me.id()).stream().map(p -> PacketView.of(p, me.id())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One red packet")
    PacketView one(@AuthenticationPrincipal SignedInUser me, @PathVariable String id) {
        try {
            return PacketView.of(redpacks.forUser(me.id(), id), me.id());
        } catch (RedpackRefusal refused) {
            throw problem(refused);
        }
    }

    @PostMapping("/{id}/open")
    @Operation(summary = "Open it: the money goes to my balance (opening again answers the same share)")
    Opened open(@AuthenticationPrincipal SignedInUser me, @PathVariable String id) {
        try {
            RedpackShare share = redpacks.open(me.id(), id);
            return new Opened(id, share.amountFen(), share.openedAt());
        } catch (RedpackRefusal refused) {
            throw problem(refused);
        }
    }

    /** The wallet's problem for a refusal: not_found (404), all_taken (409), expired (410). */
    static ApiProblemException problem(RedpackRefusal refused) {
        return switch (refused.reason()) {
            case ALL_TAKEN -> new ApiProblemException(HttpStatus.CONFLICT, "all_taken", refused.getMessage());
            case EXPIRED -> new ApiProblemException(HttpStatus.GONE, "expired", refused.getMessage());
            default -> new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such red packet.");
        };
    }
}
