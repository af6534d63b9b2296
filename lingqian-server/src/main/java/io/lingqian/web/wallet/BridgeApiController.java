package io.lingqian.web.wallet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.payment.ClientPaySigns;
import io.lingqian.platform.ApiProblemException;

/**
 * {@code POST /jsapi/verify}: the bridge script's first step. Checks {@code getBrandWCPayRequest}'s
 * parameters (paySign included) and answers where the cashier is, or a problem saying why not, so a
 * forged request fails at once, before the payer is asked to sign in.
 */
@RestController
class BridgeApiController {

    /** A web origin the cashier may post the outcome to: scheme, host and optional port, nothing else. */
    static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");

    private final ClientPaySigns paySigns;

    BridgeApiController(ClientPaySigns paySigns) {
        this.paySigns = paySigns;
    }

    /** The parameters as the page passes them to {@code WeixinJSBridge}, and the page's own origin. */
    record PayRequest(String appId, String timeStamp, String nonceStr, @JsonProperty("package") String pkg,
                      String signType, String paySign, String origin) {
    }

    @PostMapping("/jsapi/verify")
    Map<String, String> verify(@RequestBody PayRequest request) {
        requireOrigin(request.origin());
        paySigns.jsapi(request.appId(), request.timeStamp(), request.nonceStr(), request.pkg(), request.signType(),
                request.paySign());
        return Map.of("cashierUrl", cashierUrl(request));
    }

    static void requireOrigin(String origin) {
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_origin",
                    "origin must be the page's origin (scheme://host[:port])");
        }
    }

    /** The wallet page that checks the same parameters again and shows the cashier. */
    static String cashierUrl(PayRequest request) {
        // URLEncoder, not UriComponentsBuilder: a Base64 paySign's '+' must arrive as '+', not as a space.
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appId", request.appId());
        query.put("timeStamp", request.timeStamp());
        query.put("nonceStr", request.nonceStr());
        query.put("package", request.pkg());
        query.put("signType", request.signType());
        query.put("paySign", request.paySign());
        query.put("origin", request.origin());
        StringJoiner url = new StringJoiner("&", WalletScenePages.JSAPI + "?", "");
        query.forEach((name, value) -> url.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return url.toString();
    }
}
