package io.lingqian.payment;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.MerchantApp;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.internal.OrderStore;
import io.lingqian.platform.ApiProblemException;

/**
 * Checks the client-side payment parameters a merchant hands to its page or app (reference §3.2)
 * before the cashier opens: the signature is SHA256withRSA by the merchant's private key, verified with
 * any of its active API certificates or public keys, over {@code appId\ntimeStamp\nnonceStr\npackage\n}
 * (JSAPI, {@code package=prepay_id=…}) or {@code appid\ntimestamp\nnoncestr\nprepayid\n} (APP). A
 * forged or altered parameter set never reaches the cashier. Also where an H5 cashier may return to.
 */
@Service
public class ClientPaySigns {

    /** Base64 of an RSA-4096 signature is 684 characters; anything longer is not a signature. */
    private static final int MAX_SIGNATURE_LENGTH = 1024;

    private final OrderStore store;
    private final MerchantCredentials credentials;
    private final MerchantApps apps;
    private final Clock clock;

    ClientPaySigns(OrderStore store, MerchantCredentials credentials, MerchantApps apps, Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.apps = apps;
        this.clock = clock;
    }

    /**
     * The H5 order's {@code redirect_url}, if the cashier may send the payer there: an http(s) address
     * whose host (or host:port) is one of the domains registered for the order's app. Without registered
     * domains no address is allowed: the cashier must not become an open redirect.
     *
     * @throws ApiProblemException {@code invalid_redirect_url} (400) saying why
     */
    public URI h5Return(String prepayId, String redirectUrl) {
        PaymentOrder order = store.byPrepayId(prepayId == null ? "" : prepayId)
                .filter(o -> o.tradeType() == TradeType.MWEB)
                .orElseThrow(() -> badRedirect("no H5 order has this prepay id"));
        URI uri;
        try {
            uri = new URI(redirectUrl == null ? "" : redirectUrl);
        } catch (URISyntaxException e) {
            throw badRedirect("redirect_url is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawUserInfo() != null) {
            throw badRedirect("redirect_url must be an absolute http(s) address");
        }
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        List<String> domains = apps.appOf(order.merchantId(), order.appid()).map(MerchantApp::domains).orElse(List.of());
        if (domains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT))
                .noneMatch(d -> d.equals(hostPort) || d.equals(host) && uri.getPort() < 0)) {
            throw badRedirect("redirect_url's host " + hostPort + " is not a domain registered for app "
                    + order.appid() + " (merchant portal → Apps)");
        }
        return uri;
    }

    private static ApiProblemException badRedirect(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_redirect_url", detail);
    }

    /**
     * The JSAPI order that {@code getBrandWCPayRequest}'s parameters name, if they are signed by its merchant.
     *
     * @throws ApiProblemException {@code invalid_pay_sign} (400) saying what is wrong
     */
    public PaymentOrder jsapi(String appId, String timeStamp, String nonceStr, String pkg, String signType,
            String paySign) {
        require(appId, "appId");
        requireTimestamp(timeStamp, "timeStamp");
        require(nonceStr, "nonceStr");
        require(pkg, "package");
        if (!"RSA".equals(signType)) {
            throw invalid("signType must be RSA (the v3 paySign); the v2 MD5/HMAC-SHA256 paySign is not supported");
        }
        if (!pkg.startsWith("prepay_id=")) {
            throw invalid("package must be prepay_id=<prepay_id>");
        }
        PaymentOrder order = order(pkg.substring("prepay_id=".length()), appId, TradeType.JSAPI);
        verify(order, appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n", paySign, "paySign");
        return order;
    }

    /**
     * The APP order that the app's pay parameters name, if they are signed by its merchant.
     *
     * @throws ApiProblemException {@code invalid_pay_sign} (400) saying what is wrong
     */
    public PaymentOrder app(String appid, String partnerid, String prepayid, String pkg, String noncestr,
            String timestamp, String sign) {
        require(appid, "appid");
        require(partnerid, "partnerid");
        require(prepayid, "prepayid");
        require(noncestr, "noncestr");
        requireTimestamp(timestamp, "timestamp");
        if (!"Sign=WXPay".equals(pkg)) {
            throw invalid("package must be Sign=WXPay");
        }
        PaymentOrder order = order(prepayid, appid, TradeType.APP);
        if (!order.mchid().equals(partnerid)) {
            throw invalid("partnerid is not the merchant of this order");
        }
        verify(order, appid + "\n" + timestamp + "\n" + noncestr + "\n" + prepayid + "\n", sign, "sign");
        return order;
    }

    private PaymentOrder order(String prepayId, String appid, TradeType type) {
        PaymentOrder order = store.byPrepayId(prepayId).filter(o -> o.tradeType() == type)
                .orElseThrow(() -> invalid("no " + type + " order has this prepay id"));
        if (!Objects.equals(order.appid(), appid)) {
            throw invalid("the appid is not the order's");
        }
        return order;
    }

    private void verify(PaymentOrder order, String message, String signature, String field) {
        if (signature == null || signature.isEmpty() || signature.length() > MAX_SIGNATURE_LENGTH) {
            throw invalid(field + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw invalid(field + " is not Base64");
        }
        Instant now = clock.instant();
        List<PublicKey> keys = credentials.certificates(order.merchantId()).stream().filter(c -> c.activeAt(now))
                .map(MerchantCertificate::publicKeyPem).map(ClientPaySigns::publicKey).flatMap(Optional::stream).toList();
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(message.getBytes(StandardCharsets.UTF_8));
                if (verifier.verify(bytes)) {
                    return;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next one
            }
        }
        throw invalid(field + " does not verify with any active API certificate of the merchant");
    }

    private static Optional<PublicKey> publicKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Optional.of(java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isEmpty() || value.length() > 128) {
            throw invalid(name + " is missing");
        }
    }

    private static void requireTimestamp(String value, String name) {
        if (value == null || !value.matches("\\d{1,12}")) {
            throw invalid(name + " is Unix seconds");
        }
    }

    private static ApiProblemException invalid(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_pay_sign", detail);
    }
}
