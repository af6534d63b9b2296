package io.lingqian.web.wallet;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.platform.security.SignedInUser;
import io.lingqian.risk.Freeze;
import io.lingqian.risk.RiskGate;
import io.lingqian.risk.WalletFreezes;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The wallet's risk calls: passing a challenge, freezing the wallet (signed in, or in an emergency
 * without signing in) and asking to lift a freeze.
 */
@RestController
@RequestMapping("/api/wallet")
@Tag(name = "Wallet security", description = "Risk challenges, emergency freeze, unfreeze requests")
class WalletRiskApiController {

    private final RiskGate gate;
    private final WalletFreezes freezes;

    WalletRiskApiController(RiskGate gate, WalletFreezes freezes) {
        this.gate = gate;
        this.freezes = freezes;
    }

    record Code(String smsCode) {
    }

    record Confirmed(String challengeId, String status) {
    }

    /** Confirms a challenge's SMS code; the refused request then passes once when sent again unchanged. */
    @PostMapping("/risk-challenges/{id}/confirm")
    Confirmed confirmChallenge(@AuthenticationPrincipal SignedInUser me, @PathVariable String id, @RequestBody Code body) {
        gate.confirmChallenge(me.id(), id, body.smsCode());
        return new Confirmed(id, "CONFIRMED");
    }

    record FreezeView(boolean frozen, Freeze freeze, List<WalletFreezes.UnfreezeRequest> unfreezeRequests) {
    }

    @GetMapping("/freeze")
    FreezeView freeze(@AuthenticationPrincipal SignedInUser me) {
        return new FreezeView(freezes.isFrozen(me.id()), freezes.active(me.id()).orElse(null),
                freezes.unfreezeRequests(null, me.id()));
    }

    record FreezeOwn(String reason) {
    }

    @PostMapping("/freeze")
    @ResponseStatus(HttpStatus.CREATED)
    Freeze freezeOwn(@AuthenticationPrincipal SignedInUser me, @RequestBody(required = false) FreezeOwn body) {
        return freezes.freezeOwn(me.id(), body == null ? null : body.reason());
    }

    record Identity(String mobile, String idNumber) {
    }

    record Started(String verificationId, Long requestId, String maskedMobile, String expiresAt, String sandboxSmsCode) {
    }

    /** Emergency freeze, step 1, without signing in: the mobile number and the wallet's ID number. */
    @PostMapping("/emergency-freezes")
    @ResponseStatus(HttpStatus.CREATED)
    Started startEmergency(@RequestBody Identity body) {
        return view(freezes.startEmergency(body.mobile(), body.idNumber()));
    }

    /** Emergency freeze, step 2: the SMS code sent to that number. */
    @PostMapping("/emergency-freezes/{verificationId}/confirm")
    Freeze confirmEmergency(@PathVariable String verificationId, @RequestBody Code body) {
        return freezes.confirmEmergency(verificationId, body.smsCode());
    }

    record IdNumber(String idNumber) {
    }

    /** Asks to lift the freeze: the ID number, then the SMS code; staff then decide. */
    @PostMapping("/unfreeze-requests")
    @ResponseStatus(HttpStatus.CREATED)
    Started requestUnfreeze(@AuthenticationPrincipal SignedInUser me, @RequestBody IdNumber body) {
        return view(freezes.requestUnfreeze(me.id(), body.idNumber()));
    }

    @PostMapping("/unfreeze-requests/{id}/confirm")
    WalletFreezes.UnfreezeRequest confirmUnfreeze(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody Code body) {
        return freezes.confirmUnfreeze(me.id(), id, body.smsCode());
    }

    private static Started view(WalletFreezes.Started s) {
        return new Started(s.verificationId(), s.requestId(), s.code().maskedMobile(), s.code().expiresAt().toString(),
                s.code().sandboxCode());
    }
}
