package io.lingqian.web.wallet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.PaymentCode;
import io.lingqian.wallet.PaymentCodes;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletCards;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.Withdrawal;
import io.lingqian.wallet.Withdrawals;
import io.lingqian.wallet.Yuan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** Wallet pages for cards and verification, top-up, withdrawal, the payment code and the bills. */
@Controller
class WalletMoneyPages {

    private static final String PAY_CODE = "LINGQIAN_WALLET_PAY_CODE";

    private final Verifications verifications;
    private final WalletCards cards;
    private final TopUps topUps;
    private final Withdrawals withdrawals;
    private final PaymentCodes codes;
    private final WalletHistory history;

    WalletMoneyPages(Verifications verifications, WalletCards cards, TopUps topUps, Withdrawals withdrawals,
            PaymentCodes codes, WalletHistory history) {
        this.verifications = verifications;
        this.cards = cards;
        this.topUps = topUps;
        this.withdrawals = withdrawals;
        this.codes = codes;
        this.history = history;
    }

    // --- cards and verification ------------------------------------------------------------------

    @GetMapping("/wallet/cards")
    String cards(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("identity", cards.identity(me.id()).orElse(null));
        return "wallet/cards";
    }

    @PostMapping("/wallet/cards/bind")
    String startBinding(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber, @RequestParam String cardNumber,
            @RequestParam String phone, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        try {
            Verification v = verifications.startBinding(me.id(), DeviceIds.of(request), name, idNumber, cardNumber,
                    phone);
            return confirmPage(model, v.id(), v.purpose(), v.maskedPhone(), v.sandboxSmsCode(), null);
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/cards";
        }
    }

    static String confirmPage(Model model, String id, Verification.Purpose purpose, String maskedPhone,
            String sandboxCode, String error) {
        model.addAttribute("verificationId", id);
        model.addAttribute("purpose", purpose);
        model.addAttribute("maskedPhone", maskedPhone);
        model.addAttribute("sandboxCode", sandboxCode);
        model.addAttribute("error", error);
        return "wallet/confirm";
    }

    @PostMapping("/wallet/verifications/confirm")
    String confirm(@AuthenticationPrincipal SignedInUser me, @RequestParam String verificationId,
            @RequestParam Verification.Purpose purpose, @RequestParam String maskedPhone,
            @RequestParam(required = false) String sandboxCode, @RequestParam String smsCode,
            @RequestParam(required = false) String newPaymentPassword, Model model, RedirectAttributes redirect) {
        try {
            Verifications.Confirmed done = verifications.confirm(me.id(), verificationId, smsCode, newPaymentPassword);
            redirect.addFlashAttribute("message", switch (done.purpose()) {
                case BIND_CARD -> "Card " + done.card().orElseThrow().label() + " is bound.";
                case RESET_PASSWORD -> "Your new payment password is set.";
                case TRUST_DEVICE -> "Payments are now accepted from this device.";
            });
            return done.purpose() == Verification.Purpose.BIND_CARD ? "redirect:/wallet/cards" : "redirect:/wallet/security";
        } catch (ApiProblemException e) {
            if (e.code().equals("wrong_sms_code") || e.code().startsWith("invalid_") || e.code().equals("weak_payment_password")) {
                return confirmPage(model, verificationId, purpose, maskedPhone, sandboxCode, e.getMessage());
            }
            redirect.addFlashAttribute("error", e.getMessage());
            return purpose == Verification.Purpose.BIND_CARD ? "redirect:/wallet/cards" : "redirect:/wallet/security";
        }
    }

    @PostMapping("/wallet/cards/{id}/default")
    String makeDefault(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "/wallet/cards", () -> "Default card: " + cards.makeDefault(me.id(), id).label());
    }

    @PostMapping("/wallet/cards/{id}/unbind")
    String unbind(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, "/wallet/cards", () -> {
            String label = cards.card(me.id(), id).label();
            cards.unbind(me.id(), id);
            return "Unbound " + label + ".";
        });
    }

    static String act(RedirectAttributes redirect, String target, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + target;
    }

    // --- top-up and withdrawal -------------------------------------------------------------------

    @GetMapping("/wallet/topup")
    String topUpForm(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("balance", Yuan.format(withdrawals.available(me.id())));
        return "wallet/topup";
    }

    @PostMapping("/wallet/topup")
    String topUp(@AuthenticationPrincipal SignedInUser me, @RequestParam long cardId, @RequestParam String amount,
            @RequestParam String requestId, RedirectAttributes redirect) {
        return act(redirect, "/wallet/topup", () -> {
            TopUp t = topUps.topUp(me.id(), cardId, fen(amount), requestId);
            return switch (t.status()) {
                case SUCCEEDED -> "Topped up " + Yuan.format(t.amountFen()) + " CNY.";
                case FAILED -> throw new ApiProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                        "topup_failed", "The top-up failed: " + t.failureMessage());
                default -> "The bank is processing your top-up of " + Yuan.format(t.amountFen())
                        + " CNY; it appears in your bills when done.";
            };
        });
    }

    static long fen(String typed) {
        return Yuan.parse(typed).filter(f -> f > 0).orElseThrow(() -> new ApiProblemException(
                org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_amount",
                "Type an amount in yuan with at most two decimals, for example 100.00."));
    }

    @GetMapping("/wallet/withdraw")
    String withdrawForm(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("cards", cards.cards(me.id()));
        model.addAttribute("balance", Yuan.format(withdrawals.available(me.id())));
        return "wallet/withdraw";
    }

    @PostMapping("/wallet/withdraw/preview")
    String withdrawPreview(@AuthenticationPrincipal SignedInUser me, @RequestParam long cardId,
            @RequestParam String amount, Model model, RedirectAttributes redirect) {
        try {
            long fen = fen(amount);
            model.addAttribute("card", cards.card(me.id(), cardId));
            model.addAttribute("preview", withdrawals.preview(me.id(), fen));
            model.addAttribute("amountFen", fen);
            model.addAttribute("requestId", UUID.randomUUID().toString());
            return "wallet/withdraw-confirm";
        } catch (ApiProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/wallet/withdraw";
        }
    }

    @PostMapping("/wallet/withdraw")
    String withdraw(@AuthenticationPrincipal SignedInUser me, @RequestParam long cardId, @RequestParam long amountFen,
            @RequestParam String requestId, @RequestParam String paymentPassword, HttpServletRequest request,
            RedirectAttributes redirect) {
        return act(redirect, "/wallet/withdraw", () -> {
            Withdrawal w = withdrawals.withdraw(me.id(), DeviceIds.of(request), cardId, amountFen, requestId,
                    paymentPassword);
            String fee = " (fee " + Yuan.format(w.feeFen()) + " CNY)";
            return switch (w.status()) {
                case SUCCEEDED -> "Withdrew " + Yuan.format(w.amountFen()) + " CNY" + fee + ".";
                case FAILED -> throw new ApiProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                        "withdrawal_failed", "The withdrawal failed and the money is back in your balance: "
                        + w.failureMessage());
                default -> "The bank is processing your withdrawal of " + Yuan.format(w.amountFen()) + " CNY" + fee
                        + "; the money is held until it confirms.";
            };
        });
    }

    // --- payment code ----------------------------------------------------------------------------

    @GetMapping("/wallet/pay")
    String payCode(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        payCodeModel(me, request, model);
        return "wallet/pay";
    }

    /** The code card alone, swapped in by htmx every time the code is about to expire. */
    @GetMapping("/wallet/pay/code")
    String payCodeFragment(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        payCodeModel(me, request, model);
        return "wallet/pay :: code";
    }

    private void payCodeModel(SignedInUser me, HttpServletRequest request, Model model) {
        try {
            PaymentCode code = codes.issue(me.id(), DeviceIds.of(request));
            request.getSession().setAttribute(PAY_CODE, code.code());
            model.addAttribute("code", code);
            model.addAttribute("grouped", code.code().replaceAll("(\\d{4})(?=\\d)", "$1 "));
            model.addAttribute("stamp", code.expiresAt().toEpochMilli());
        } catch (ApiProblemException e) {
            model.addAttribute("codeError", e.getMessage());
        }
    }

    @GetMapping(value = "/wallet/pay/barcode.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> barcode(HttpSession session) {
        return currentCode(session).map(code -> png(() -> new Code128Writer().encode(code, BarcodeFormat.CODE_128,
                360, 100, Map.of(EncodeHintType.MARGIN, 10)))).orElse(ResponseEntity.notFound().build());
    }

    @GetMapping(value = "/wallet/pay/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(HttpSession session) {
        return currentCode(session).map(code -> png(() -> new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 220, 220,
                Map.of(EncodeHintType.MARGIN, 2)))).orElse(ResponseEntity.notFound().build());
    }

    /** Only the code this session was last shown: images are never drawn for other codes. */
    private static Optional<String> currentCode(HttpSession session) {
        return Optional.ofNullable((String) session.getAttribute(PAY_CODE));
    }

    private interface Drawing {
        BitMatrix draw() throws WriterException;
    }

    private static ResponseEntity<byte[]> png(Drawing drawing) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(drawing.draw(), "PNG", png);
            return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                    .body(png.toByteArray());
        } catch (WriterException e) {
            return ResponseEntity.badRequest().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- bills -----------------------------------------------------------------------------------

    @GetMapping("/wallet/bills")
    String bills(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String month,
            @RequestParam(required = false) String kind, Model model) {
        YearMonth m;
        try {
            m = WalletApiController.month(month);
        } catch (ApiProblemException e) {
            m = null;
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("bills", history.bills(me.id(), m, kind));
        model.addAttribute("month", m == null ? "" : m.toString());
        model.addAttribute("kind", kind == null ? "" : kind);
        return "wallet/bills";
    }

    @GetMapping("/wallet/bills/{reference}")
    String bill(@AuthenticationPrincipal SignedInUser me, @PathVariable String reference, Model model) {
        model.addAttribute("bill", history.bill(me.id(), reference));
        return "wallet/bill";
    }
}
