package io.lingqian.web.wallet;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.BankCard;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.Device;
import io.lingqian.wallet.Identity;
import io.lingqian.wallet.Limits;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.SecuritySettings;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;
import io.lingqian.wallet.Withdrawal;
import io.lingqian.wallet.Withdrawals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The wallet REST API: everything the wallet console does, for tests, the benchmark and other front
 * ends. Sign in with {@code POST /api/wallet/sessions} and send the token as
 * {@code Authorization: Bearer …}; the console's session works too. Amounts are integer fen. Errors
 * are problem+json with a stable {@code code}.
 */
@RestController
@RequestMapping("/api/wallet")
@Tag(name = "Wallet", description = "Lingqian wallet: users, verification, cards, security, top-up, withdrawal, bills")
class WalletApiController {

    private final WalletUsers users;
    private final WalletDevices devices;
    private final Verifications verifications;
    private final WalletCards cards;
    private final PaymentSecurity security;
    private final WalletLimits limits;
    private final TopUps topUps;
    private final Withdrawals withdrawals;
    private final PaymentCodes paymentCodes;
    private final WalletHistory history;

    WalletApiController(WalletUsers users, WalletDevices devices, Verifications verifications, WalletCards cards,
            PaymentSecurity security, WalletLimits limits, TopUps topUps, Withdrawals withdrawals,
            PaymentCodes paymentCodes, WalletHistory history) {
        this.users = users;
        this.devices = devices;
        this.verifications = verifications;
        this.cards = cards;
        this.security = security;
        this.limits = limits;
        this.topUps = topUps;
        this.withdrawals = withdrawals;
        this.paymentCodes = paymentCodes;
        this.history = history;
    }

    // --- users and sessions ----------------------------------------------------------------------

    record Registration(String mobile, String displayName, String password) {
        @Override
        public String toString() {
            return "Registration[" + mobile + "]";
        }
    }

    record SignIn(String mobile, String password, String deviceId, String deviceName) {
        @Override
        public String toString() {
            return "SignIn[" + mobile + "]";
        }
    }

    record Session(String token, Instant expiresAt, WalletUser user) {
    }

    record Me(WalletUser user, boolean verified, Identity identity, long balanceFen, String deviceId) {
    }

    @PostMapping("/users")
    @Operation(summary = "Register with a mobile number and login password; opens the wallet account")
    ResponseEntity<WalletUser> register(@RequestBody Registration r) {
        try {
            WalletUser user = users.register(r.mobile(), r.displayName(), r.password());
            return ResponseEntity.created(URI.create("/api/wallet/me")).body(user);
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED, e.getMessage());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "mobile_taken", "This mobile number is registered already.");
        }
    }

    @PostMapping("/sessions")
    @Operation(summary = "Sign in from a device; returns a bearer token for that device")
    @ResponseStatus(HttpStatus.CREATED)
    Session signIn(@RequestBody SignIn s) {
        return devices.signIn(s.mobile(), s.password(), s.deviceId(), s.deviceName())
                .map(t -> new Session(t.token(), t.expiresAt(), t.user()))
                .orElseThrow(() -> new ApiProblemException(HttpStatus.UNAUTHORIZED, "wrong_credentials",
                        "Wrong mobile number or password."));
    }

    @DeleteMapping("/sessions/current")
    @Operation(summary = "Sign out: the bearer token stops working")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void signOut(HttpServletRequest request) {
        if (request.getAttribute(DeviceIds.TOKEN_ATTRIBUTE) instanceof String token) {
            devices.signOut(token);
        }
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user, verification state and available balance")
    Me me(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request) {
        var identity = cards.identity(me.id());
        return new Me(users.byId(me.id()).orElseThrow(), identity.isPresent(), identity.orElse(null),
                withdrawals.available(me.id()), DeviceIds.of(request));
    }

    // --- verification and cards ------------------------------------------------------------------

    record StartBinding(String name, String idNumber, String cardNumber, String phone) {
        @Override
        public String toString() {
            return "StartBinding[]";
        }
    }

    record Confirm(String smsCode, String newPaymentPassword) {
        @Override
        public String toString() {
            return "Confirm[]";
        }
    }

    record Confirmed(Verification.Purpose purpose, CardView card) {
    }

    record CardView(long id, String bank, String bankName, String cardType, String lastFour, String masked,
                    String maskedPhone, boolean isDefault, Instant boundAt) {
        static CardView of(BankCard c) {
            return new CardView(c.id(), c.bank().name(), c.bankName(), c.type().name(), c.lastFour(), c.masked(),
                    c.maskedPhone(), c.isDefault(), c.boundAt());
        }
    }

    record StartReverification(Verification.Purpose purpose, long cardId, String idNumber) {
        @Override
        public String toString() {
            return "StartReverification[" + purpose + "]";
        }
    }

    @PostMapping("/verifications/cards")
    @Operation(summary = "Start binding a card (four elements); the first one verifies the real name. "
            + "In sandbox mode the answer carries the SMS code the simulated bank sent")
    @ResponseStatus(HttpStatus.CREATED)
    Verification startBinding(@AuthenticationPrincipal SignedInUser me, @RequestBody StartBinding b,
            HttpServletRequest request) {
        return verifications.startBinding(me.id(), DeviceIds.of(request), b.name(), b.idNumber(), b.cardNumber(),
                b.phone());
    }

    @PostMapping("/verifications/identity")
    @Operation(summary = "Start re-verifying the identity (ID number + SMS code to a bound card's phone) "
            + "to reset the payment password or to trust this device under the hardware lock")
    @ResponseStatus(HttpStatus.CREATED)
    Verification startReverification(@AuthenticationPrincipal SignedInUser me, @RequestBody StartReverification r,
            HttpServletRequest request) {
        if (r.purpose() == null || r.purpose() == Verification.Purpose.BIND_CARD) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                    "purpose is RESET_PASSWORD or TRUST_DEVICE.");
        }
        return verifications.startReverification(me.id(), DeviceIds.of(request), r.purpose(), r.cardId(), r.idNumber());
    }

    @PostMapping("/verifications/{id}/confirm")
    @Operation(summary = "Confirm a verification with the SMS code (and the new payment password for a reset)")
    Confirmed confirm(@AuthenticationPrincipal SignedInUser me, @PathVariable String id, @RequestBody Confirm c) {
        Verifications.Confirmed done = verifications.confirm(me.id(), id, c.smsCode(), c.newPaymentPassword());
        return new Confirmed(done.purpose(), done.card().map(CardView::of).orElse(null));
    }

    @GetMapping("/cards")
    @Operation(summary = "Bound cards, default first; numbers masked to the last four digits")
    List<CardView> cards(@AuthenticationPrincipal SignedInUser me) {
        return cards.cards(me.id()).stream().map(CardView::of).toList();
    }

    @PostMapping("/cards/{id}/default")
    @Operation(summary = "Make a card the default")
    CardView makeDefault(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return CardView.of(cards.makeDefault(me.id(), id));
    }

    @DeleteMapping("/cards/{id}")
    @Operation(summary = "Unbind a card")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unbind(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        cards.unbind(me.id(), id);
    }

    @GetMapping("/limits")
    @Operation(summary = "Account class, its limits and today's, with what is left; the free withdrawal quota left")
    Limits limits(@AuthenticationPrincipal SignedInUser me) {
        return limits.limits(me.id());
    }

    // --- security and devices --------------------------------------------------------------------

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    record PasswordFree(boolean enabled, long limitFen) {
    }

    record HardwareLock(boolean enabled) {
    }

    @GetMapping("/security")
    @Operation(summary = "Payment password state, lockout, password-free payments and hardware lock")
    SecuritySettings security(@AuthenticationPrincipal SignedInUser me) {
        return security.settings(me.id());
    }

    @PutMapping("/security/payment-password")
    @Operation(summary = "Set the payment password (6 digits); changing it needs the current one")
    SecuritySettings setPassword(@AuthenticationPrincipal SignedInUser me, @RequestBody PasswordChange p,
            HttpServletRequest request) {
        security.setPassword(me.id(), DeviceIds.of(request), p.currentPassword(), p.newPassword());
        return security.settings(me.id());
    }

    @PutMapping("/security/password-free")
    @Operation(summary = "Turn password-free small payments on (with a per-payment limit in fen) or off")
    SecuritySettings passwordFree(@AuthenticationPrincipal SignedInUser me, @RequestBody PasswordFree p) {
        return security.passwordFree(me.id(), p.enabled(), p.limitFen());
    }

    @PutMapping("/security/hardware-lock")
    @Operation(summary = "Turn the hardware lock on (binds payments to this device) or off (from the bound device)")
    SecuritySettings hardwareLock(@AuthenticationPrincipal SignedInUser me, @RequestBody HardwareLock h,
            HttpServletRequest request) {
        return security.hardwareLock(me.id(), DeviceIds.of(request), h.enabled());
    }

    @GetMapping("/devices")
    @Operation(summary = "Devices the user has signed in from")
    List<Device> devices(@AuthenticationPrincipal SignedInUser me) {
        return devices.devices(me.id());
    }

    @PostMapping("/payment-codes")
    @Operation(summary = "A fresh payment code for this device (18 digits, one minute, single use)")
    @ResponseStatus(HttpStatus.CREATED)
    PaymentCodeView paymentCode(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request) {
        var code = paymentCodes.issue(me.id(), DeviceIds.of(request));
        return new PaymentCodeView(code.code(), code.expiresAt());
    }

    record PaymentCodeView(String code, Instant expiresAt) {
    }

    // --- money -----------------------------------------------------------------------------------

    record TopUpRequest(long cardId, long amountFen, String clientRequestId) {
    }

    record WithdrawalRequest(long cardId, long amountFen, String clientRequestId, String paymentPassword) {
        @Override
        public String toString() {
            return "WithdrawalRequest[" + clientRequestId + "]";
        }
    }

    record WithdrawalPreview(long amountFen, long feeFen, long totalFen, long freeQuotaFen, long freeQuotaUsedFen,
                             long freeQuotaLeftAfterFen, long availableFen, boolean affordable) {
    }

    @PostMapping("/topups")
    @Operation(summary = "Top up from a bound card; idempotent on clientRequestId")
    ResponseEntity<TopUp> topUp(@AuthenticationPrincipal SignedInUser me, @RequestBody TopUpRequest t) {
        TopUp topUp = topUps.topUp(me.id(), t.cardId(), t.amountFen(), t.clientRequestId());
        return ResponseEntity.created(URI.create("/api/wallet/topups/" + topUp.id())).body(topUp);
    }

    @GetMapping("/topups/{id}")
    @Operation(summary = "A top-up and its state")
    TopUp topUp(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return topUps.topUp(me.id(), id);
    }

    @GetMapping("/withdrawals/preview")
    @Operation(summary = "The fee and free quota of a withdrawal, before confirming")
    WithdrawalPreview preview(@AuthenticationPrincipal SignedInUser me, @RequestParam long amountFen) {
        Withdrawals.Preview p = withdrawals.preview(me.id(), amountFen);
        return new WithdrawalPreview(amountFen, p.quote().feeFen(), p.quote().totalFen(), p.freeQuotaFen(),
                p.quote().freeQuotaUsedFen(), p.quote().freeRemainingFen(), p.availableFen(), p.affordable());
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Withdraw to a bound card with the payment password; idempotent on clientRequestId")
    ResponseEntity<Withdrawal> withdraw(@AuthenticationPrincipal SignedInUser me, @RequestBody WithdrawalRequest w,
            HttpServletRequest request) {
        Withdrawal withdrawal = withdrawals.withdraw(me.id(), DeviceIds.of(request), w.cardId(), w.amountFen(),
                w.clientRequestId(), w.paymentPassword());
        return ResponseEntity.created(URI.create("/api/wallet/withdrawals/" + withdrawal.id())).body(withdrawal);
    }

    @GetMapping("/withdrawals/{id}")
    @Operation(summary = "A withdrawal and its state")
    Withdrawal withdrawal(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return withdrawals.withdrawal(me.id(), id);
    }

    @GetMapping("/bills")
    @Operation(summary = "The bill list, newest first; filter by month (yyyy-MM) and kind (TOPUP, WITHDRAWAL …)")
    List<Bill> bills(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String month,
            @RequestParam(required = false) String kind) {
        return history.bills(me.id(), month(month), kind);
    }

    @GetMapping("/bills/{reference}")
    @Operation(summary = "One bill with the ledger transfers behind it")
    Bill bill(@AuthenticationPrincipal SignedInUser me, @PathVariable String reference) {
        return history.bill(me.id(), reference);
    }

    static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                    "month is written yyyy-MM, for example 2026-11.");
        }
    }
}
