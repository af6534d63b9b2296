package io.lingqian.web.wallet;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.marketing.Coupons;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.CashierOrder;
import io.lingqian.payment.ClientPaySigns;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentReceipt;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.Yuan;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The cashier as the JSAPI, APP and H5 scenes open it, and how each learns the outcome:
 *
 * <ul>
 * <li>JSAPI ({@code /wallet/jsapi/cashier?appId…&paySign…&origin…}, opened by the bridge script in a
 *     popup): the outcome is posted to the merchant page's origin ({@code postMessage}) and the popup
 *     closes;</li>
 * <li>APP ({@code /wallet/app-pay?appid…&sign…}): the page says the outcome (the app queries its order);</li>
 * <li>H5 ({@code /wallet/h5?prepay_id…&redirect_url…}, where the order's {@code h5_url} leads when the
 *     merchant adds {@code redirect_url}): the payer is sent back to {@code redirect_url}, paid or not.</li>
 * </ul>
 *
 * Each entry checks its parameters (the signature, the origin, the return address's domain) when the
 * page opens and again when the payer pays or cancels, so a tampered form changes nothing. Paying is
 * {@link Cashier#pay}, the same as every scene.
 */
@Controller
class WalletScenePages {

    static final String JSAPI = "/wallet/jsapi/cashier";
    static final String APP = "/wallet/app-pay";
    static final String H5 = "/wallet/h5";

    enum Scene { JSAPI, APP, H5 }

    private final Cashier cashier;
    private final ClientPaySigns paySigns;
    private final PaymentSecurity security;
    private final Coupons coupons;

    WalletScenePages(Cashier cashier, ClientPaySigns paySigns, PaymentSecurity security, Coupons coupons) {
        this.cashier = cashier;
        this.paySigns = paySigns;
        this.security = security;
        this.coupons = coupons;
    }

    @GetMapping(JSAPI)
    String jsapi(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String appId,
            @RequestParam(required = false) String timeStamp, @RequestParam(required = false) String nonceStr,
            @RequestParam(name = "package", required = false) String pkg,
            @RequestParam(required = false) String signType, @RequestParam(required = false) String paySign,
            @RequestParam(required = false) String origin, Model model) {
        if (origin == null || !BridgeApiController.ORIGIN.matcher(origin).matches()) {
            return done(model, Scene.JSAPI, null, "fail", "The page that asked for this payment is unknown.");
        }
        try {
            PaymentOrder order = paySigns.jsapi(appId, timeStamp, nonceStr, pkg, signType, paySign);
            return cashier(me, model, Scene.JSAPI, order.prepayId(), origin, null);
        } catch (ApiProblemException e) {
            return done(model, Scene.JSAPI, origin, "fail", e.getMessage());
        }
    }

    @GetMapping(APP)
    String app(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String appid,
            @RequestParam(required = false) String partnerid, @RequestParam(required = false) String prepayid,
            @RequestParam(name = "package", required = false) String pkg,
            @RequestParam(required = false) String noncestr, @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String sign, Model model) {
        try {
            PaymentOrder order = paySigns.app(appid, partnerid, prepayid, pkg, noncestr, timestamp, sign);
            return cashier(me, model, Scene.APP, order.prepayId(), null, null);
        } catch (ApiProblemException e) {
            return done(model, Scene.APP, null, "fail", e.getMessage());
        }
    }

    @GetMapping(H5)
    String h5(@AuthenticationPrincipal SignedInUser me, @RequestParam(name = "prepay_id", required = false) String prepayId,
            @RequestParam(name = "redirect_url", required = false) String redirectUrl, Model model) {
        try {
            String target = redirectUrl == null ? null : paySigns.h5Return(prepayId, redirectUrl).toString();
            return cashier(me, model, Scene.H5, prepayId, target, null);
        } catch (ApiProblemException e) {
            return done(model, Scene.H5, null, "fail", e.getMessage());
        }
    }

    private String cashier(SignedInUser me, Model model, Scene scene, String prepayId, String target, String error) {
        CashierOrder order;
        try {
            order = cashier.order(me.id(), prepayId);
        } catch (ApiProblemException e) {
            return done(model, scene, target, "fail", e.getMessage());
        }
        model.addAttribute("scene", scene);
        model.addAttribute("target", target);
        model.addAttribute("order", order);
        model.addAttribute("amount", Yuan.format(order.amountFen()));
        model.addAttribute("security", security.settings(me.id()));
        model.addAttribute("offers", order.payable()
                ? coupons.offers(me.id(), cashier.orderOf(me.id(), prepayId)) : java.util.List.of());
        model.addAttribute("error", error);
        return "wallet/scene-cashier";
    }

    @PostMapping("/wallet/scene/pay")
    String pay(@AuthenticationPrincipal SignedInUser me, @RequestParam Scene scene, @RequestParam String prepayId,
            @RequestParam(required = false) String target, @RequestParam(required = false) String paymentPassword,
            @RequestParam(required = false) String couponId, HttpServletRequest request, Model model) {
        String checked = checkedTarget(scene, prepayId, target);
        try {
            PaymentReceipt receipt = cashier.pay(me.id(), DeviceIds.of(request), prepayId, paymentPassword, null,
                    PaymentHook.CouponChoice.parse(couponId));
            if (scene == Scene.H5 && checked != null) {
                return "redirect:" + checked;
            }
            return done(model, scene, checked, "ok", "Paid ¥" + Yuan.format(receipt.payerTotalFen()) + " to "
                    + receipt.merchantName() + ".");
        } catch (ApiProblemException e) {
            if ("order_paid".equals(e.code())) {
                return scene == Scene.H5 && checked != null ? "redirect:" + checked
                        : done(model, scene, checked, "ok", "This order is paid already.");
            }
            return cashier(me, model, scene, prepayId, checked, e.getMessage());
        }
    }

    @PostMapping("/wallet/scene/cancel")
    String cancel(@RequestParam Scene scene, @RequestParam String prepayId,
            @RequestParam(required = false) String target, Model model) {
        String checked = checkedTarget(scene, prepayId, target);
        if (scene == Scene.H5 && checked != null) {
            return "redirect:" + checked;
        }
        return done(model, scene, checked, "cancel", "You did not pay.");
    }

    /** The form's target, checked again: a tampered origin or return address is dropped. */
    private String checkedTarget(Scene scene, String prepayId, String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        return switch (scene) {
            case JSAPI -> BridgeApiController.ORIGIN.matcher(target).matches() ? target : null;
            case H5 -> {
                try {
                    yield paySigns.h5Return(prepayId, target).toString();
                } catch (ApiProblemException e) {
                    yield null;
                }
            }
            case APP -> null;
        };
    }

    /** The last page: tells the bridge (JSAPI) or the payer the outcome. */
    private static String done(Model model, Scene scene, String target, String result, String description) {
        model.addAttribute("scene", scene);
        model.addAttribute("target", target);
        model.addAttribute("result", result);
        model.addAttribute("description", description);
        return "wallet/scene-done";
    }
}
