package io.lingqian.demoshop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.notification.RequestParam.Builder;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;

import io.lingqian.demoshop.ShopOrders.Channel;
import io.lingqian.demoshop.ShopOrders.ShopOrder;
import io.lingqian.demoshop.ShopOrders.State;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's pages and its notify endpoint. Every payment call goes through {@link MerchantSdk}, i.e.
 * over HTTP to Lingqian's public v3 API with the official SDK, signed with the merchant's key.
 */
@Controller
class DemoShopController {

    static final String BASE = "/demo-shop";
    static final String NOTIFY = BASE + "/notify";
    private static final Logger log = LoggerFactory.getLogger(DemoShopController.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final String ORDER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int QR_SIZE = 280;

    private final DemoShopProperties settings;
    private final MerchantSdk sdk;
    private final ShopOrders orders;
    private final JsonMapper json;

    DemoShopController(DemoShopProperties settings, MerchantSdk sdk, ShopOrders orders, JsonMapper json) {
        this.settings = settings;
        this.sdk = sdk;
        this.orders = orders;
        this.json = json;
    }

    @GetMapping({BASE, BASE + "/"})
    String shop(Model model) {
        enabled();
        model.addAttribute("item", settings.item());
        model.addAttribute("price", yuan(settings.priceFen()));
        try {
            MerchantSdk.Merchant merchant = sdk.merchant();
            model.addAttribute("mchid", merchant.mchid());
            model.addAttribute("payerOpenid", merchant.payerOpenid());
        } catch (MerchantSdk.NotSetUp | IllegalArgumentException notSetUp) {
            model.addAttribute("notSetUp", notSetUp.getMessage());
        }
        return "demoshop/shop";
    }

    /** Places the order with Lingqian (Native or JSAPI prepay) and shows how to pay it. */
    @PostMapping(BASE + "/orders")
    String order(@RequestParam("channel") String channel, RedirectAttributes flash) {
        enabled();
        Channel chosen = "JSAPI".equals(channel) ? Channel.JSAPI : "NATIVE".equals(channel) ? Channel.NATIVE : null;
        if (chosen == null) {
            flash.addFlashAttribute("error", "Choose to pay by QR code or in WeChat.");
            return "redirect:" + BASE + "/";
        }
        String outTradeNo = newOutTradeNo();
        String notifyUrl = ServletUriComponentsBuilder.fromCurrentContextPath().path(NOTIFY).build().toUriString();
        try {
            MerchantSdk.Merchant merchant = sdk.merchant();
            if (chosen == Channel.NATIVE) {
                PrepayRequest request = new PrepayRequest();
                request.setAppid(merchant.appid());
                request.setMchid(merchant.mchid());
                request.setDescription(settings.item());
                request.setOutTradeNo(outTradeNo);
                request.setNotifyUrl(notifyUrl);
                Amount amount = new Amount();
                amount.setTotal(Math.toIntExact(settings.priceFen()));
                request.setAmount(amount);
                String codeUrl = merchant.nativePay().prepay(request).getCodeUrl();
                orders.add(outTradeNo, chosen, settings.item(), settings.priceFen(), codeUrl, null);
            } else {
                var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
                request.setAppid(merchant.appid());
                request.setMchid(merchant.mchid());
                request.setDescription(settings.item());
                request.setOutTradeNo(outTradeNo);
                request.setNotifyUrl(notifyUrl);
                var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
                amount.setTotal(Math.toIntExact(settings.priceFen()));
                request.setAmount(amount);
                var payer = new com.wechat.pay.java.service.payments.jsapi.model.Payer();
                payer.setOpenid(merchant.payerOpenid());
                request.setPayer(payer);
                // The SDK signs paySign here, on the shop's server, with the merchant's private key (§3.2).
                PrepayWithRequestPaymentResponse params = merchant.jsapi().prepayWithRequestPayment(request);
                Map<String, String> bridge = new LinkedHashMap<>();
                bridge.put("appId", params.getAppId());
                bridge.put("timeStamp", params.getTimeStamp());
                bridge.put("nonceStr", params.getNonceStr());
                bridge.put("package", params.getPackageVal());
                bridge.put("signType", params.getSignType());
                bridge.put("paySign", params.getPaySign());
                orders.add(outTradeNo, chosen, settings.item(), settings.priceFen(), null, bridge);
            }
        } catch (MerchantSdk.NotSetUp notSetUp) {
            flash.addFlashAttribute("error", notSetUp.getMessage());
            return "redirect:" + BASE + "/";
        } catch (ServiceException refused) {
            flash.addFlashAttribute("error", "Lingqian refused the order: " + refused.getErrorCode() + " "
                    + refused.getErrorMessage());
            return "redirect:" + BASE + "/";
        } catch (WechatPayException | IllegalArgumentException failed) {
            log.warn("Demo shop could not place an order: {}", failed.getClass().getSimpleName());
            flash.addFlashAttribute("error", "Lingqian could not be reached or its answer did not verify.");
            return "redirect:" + BASE + "/";
        }
        return "redirect:" + BASE + "/orders/" + outTradeNo;
    }

    @GetMapping(BASE + "/orders/{outTradeNo}")
    String orderPage(@PathVariable String outTradeNo, Model model) {
        enabled();
        ShopOrder order = known(outTradeNo);
        model.addAttribute("order", order);
        model.addAttribute("price", yuan(order.totalFen()));
        model.addAttribute("createdAt", TIME.format(order.createdAt()));
        return "demoshop/order";
    }

    @GetMapping(value = BASE + "/orders/{outTradeNo}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @ResponseBody
    byte[] qr(@PathVariable String outTradeNo) {
        enabled();
        ShopOrder order = known(outTradeNo);
        if (order.codeUrl() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(order.codeUrl(), BarcodeFormat.QR_CODE,
                    QR_SIZE, QR_SIZE), "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("a code_url of at most 64 characters always fits a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the order page polls. An order the shop does not know as paid yet is looked up with the
     * API (query by out_trade_no), the way a merchant checks when a notification is late.
     */
    @GetMapping(BASE + "/orders/{outTradeNo}/state")
    @ResponseBody
    Map<String, Object> state(@PathVariable String outTradeNo) {
        enabled();
        ShopOrder order = known(outTradeNo);
        if (order.state() == State.UNPAID) {
            try {
                MerchantSdk.Merchant merchant = sdk.merchant();
                QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
                query.setMchid(merchant.mchid());
                query.setOutTradeNo(outTradeNo);
                Transaction transaction = merchant.nativePay().queryOrderByOutTradeNo(query);
                order = switch (transaction.getTradeState()) {
                    case SUCCESS, REFUND -> orders.paid(outTradeNo, transaction.getTransactionId(), false)
                            .orElse(order);
                    case CLOSED, REVOKED, PAYERROR -> orders.closed(outTradeNo).orElse(order);
                    default -> order;
                };
            } catch (WechatPayException | MerchantSdk.NotSetUp | IllegalArgumentException unavailable) {
                // Asked again on the next poll; the notification may settle it first.
                log.debug("Demo shop could not query {}: {}", outTradeNo, unavailable.getClass().getSimpleName());
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", order.state().name());
        answer.put("transactionId", order.transactionId());
        answer.put("notified", order.notified());
        answer.put("refunded", order.refundedTotalFen() == 0 ? null : yuan(order.refundedTotalFen()));
        return answer;
    }

    /**
     * The shop's notify_url: verified and decrypted with the SDK's {@code NotificationParser}, then
     * the shop's own order updated. 204 tells Lingqian it arrived; a signature that does not verify
     * gets 401 so Lingqian tries again (and the merchant portal shows it).
     */
    @PostMapping(NOTIFY)
    ResponseEntity<Map<String, String>> notification(@RequestBody byte[] raw,
            @RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
            @RequestHeader(name = "Wechatpay-Nonce", required = false) String nonce,
            @RequestHeader(name = "Wechatpay-Signature", required = false) String signature,
            @RequestHeader(name = "Wechatpay-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "Wechatpay-Signature-Type", required = false) String signType) {
        enabled();
        String body = new String(raw, StandardCharsets.UTF_8);
        String eventType;
        try {
            JsonNode envelope = json.readTree(body);
            eventType = envelope.path("event_type").asString("");
        } catch (JacksonException e) {
            return fail(HttpStatus.BAD_REQUEST, "not a notification");
        }
        if (serial == null || nonce == null || signature == null || timestamp == null) {
            return fail(HttpStatus.UNAUTHORIZED, "Wechatpay-* headers missing");
        }
        var param = new Builder().serialNumber(serial).nonce(nonce).signature(signature).timestamp(timestamp)
                .signType(signType).body(body).build();
        try {
            MerchantSdk.Merchant merchant = sdk.merchant();
            if (eventType.startsWith("REFUND.")) {
                RefundNotification refund = merchant.notifications().parse(param, RefundNotification.class);
                if (refund.getRefundStatus() == Status.SUCCESS) {
                    orders.refunded(refund.getOutTradeNo(), refund.getOutRefundNo(), refund.getAmount().getRefund());
                }
            } else {
                Transaction transaction = merchant.notifications().parse(param, Transaction.class);
                if (transaction.getTradeState() == Transaction.TradeStateEnum.SUCCESS) {
                    orders.paid(transaction.getOutTradeNo(), transaction.getTransactionId(), true);
                }
            }
        } catch (ValidationException e) {
            return fail(HttpStatus.UNAUTHORIZED, "签名验证失败");
        } catch (MerchantSdk.NotSetUp | WechatPayException | IllegalArgumentException e) {
            return fail(HttpStatus.INTERNAL_SERVER_ERROR, "失败");
        }
        // An order this shop no longer remembers (it keeps them in memory) is acknowledged all the same.
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<String> notFound(ResponseStatusException e) {
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.TEXT_PLAIN)
                .body("Not found in the demo shop");
    }

    private static ResponseEntity<Map<String, String>> fail(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("code", "FAIL", "message", message));
    }

    private ShopOrder known(String outTradeNo) {
        return orders.find(outTradeNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private void enabled() {
        if (!settings.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** DEMO + 16 characters: unique enough, and within out_trade_no's 6–32 letters and digits. */
    private static String newOutTradeNo() {
        StringBuilder no = new StringBuilder("DEMO");
        for (int i = 0; i < 16; i++) {
            no.append(ORDER_ALPHABET.charAt(RANDOM.nextInt(ORDER_ALPHABET.length())));
        }
        return no.toString();
    }

    static String yuan(long fen) {
        return String.format("%d.%02d", fen / 100, fen % 100);
    }
}
