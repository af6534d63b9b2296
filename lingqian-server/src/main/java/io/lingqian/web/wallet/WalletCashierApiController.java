package io.lingqian.web.wallet;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.lingqian.payment.Cashier;
import io.lingqian.payment.CashierOrder;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentReceipt;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The cashier in the wallet REST API: scan a merchant's Native QR code (its {@code code_url} as
 * text, or a picture of it), see the order, and pay it from the balance.
 */
@RestController
@RequestMapping("/api/wallet/cashier")
@Tag(name = "Cashier", description = "Pay merchants: scan a Native QR code, see the order, pay from the balance")
class WalletCashierApiController {

    private final Cashier cashier;

    WalletCashierApiController(Cashier cashier) {
        this.cashier = cashier;
    }

    record Scan(String codeUrl) {
    }

    /**
     * {@code cardId}: a bound card to pay with instead of the balance; {@code couponId}: the coupon to
     * use, {@code "none"} for none, or left out for the best applicable one.
     */
    record Pay(String paymentPassword, Long cardId, String couponId) {
        @Override
        public String toString() {
            return "Pay[]";
        }
    }

    @PostMapping("/scan")
    @Operation(summary = "The order behind a scanned code_url (weixin://wxpay/bizpayurl?pr=…)")
    CashierOrder scan(@AuthenticationPrincipal SignedInUser me, @RequestBody Scan scan) {
        return cashier.scan(me.id(), scan.codeUrl());
    }

    @PostMapping(path = "/scan-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The order behind a picture of a merchant's QR code (part \"image\": PNG, JPEG, GIF or BMP)")
    CashierOrder scanImage(@AuthenticationPrincipal SignedInUser me, @RequestParam("image") MultipartFile image)
            throws java.io.IOException {
        return cashier.scan(me.id(), readQr(image.getBytes()));
    }

    static String readQr(byte[] picture) {
        return QrImages.decode(picture).orElseThrow(() -> new ApiProblemException(HttpStatus.BAD_REQUEST,
                "unreadable_qr_code", "No QR code could be read from this picture; try a sharper one."));
    }

    @GetMapping("/orders/{prepayId}")
    @Operation(summary = "An order the user may pay (a JSAPI order only by the payer it names)")
    CashierOrder order(@AuthenticationPrincipal SignedInUser me, @PathVariable String prepayId) {
        return cashier.order(me.id(), prepayId);
    }

    @PostMapping("/orders/{prepayId}/pay")
    @Operation(summary = "Pay the order from the balance, or with a bound card (cardId): with the payment "
            + "password, or without it (leave it out) "
            + "within the password-free limits. The best applicable coupon is used unless couponId names "
            + "another or is \"none\". Paying a paid, closed or expired order is refused; nothing moves.")
    PaymentReceipt pay(@AuthenticationPrincipal SignedInUser me, @PathVariable String prepayId,
            @RequestBody(required = false) Pay pay, HttpServletRequest request) {
        return cashier.pay(me.id(), DeviceIds.of(request), prepayId, pay == null ? null : pay.paymentPassword(),
                pay == null ? null : pay.cardId(), PaymentHook.CouponChoice.parse(pay == null ? null : pay.couponId()));
    }
}
