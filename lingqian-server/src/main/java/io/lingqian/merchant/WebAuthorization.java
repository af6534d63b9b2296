package io.lingqian.merchant;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

import io.lingqian.merchant.internal.AppStore;
import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * The web authorisation that lets a merchant's page learn the user's openid, modelled on the
 * messaging platform's OAuth2: the page sends the user to the authorise URL, the user confirms in
 * the wallet, the wallet sends the user back to the page with a {@code code}, and the merchant's
 * server exchanges that code and the app secret for the openid. A code works once, for 5 minutes.
 */
@Service
public class WebAuthorization {

    public static final String SCOPE_BASE = "snsapi_base";
    public static final String SCOPE_USERINFO = "snsapi_userinfo";
    static final String CODE_PURPOSE = "merchant.oauth_code";
    /** How long the (unstored) access token is said to last, as the messaging platform says. */
    static final int ACCESS_TOKEN_SECONDS = 7200;
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9]{0,128}");

    /** What the confirmation page shows: the app and the merchant asking. */
    public record Request(MerchantApp app, String merchantName, String redirectUri, String scope, String state) {
    }

    /** The answer of the code exchange. */
    public record Grant(String accessToken, int expiresIn, String openid, String scope) {
    }

    private final MerchantApps apps;
    private final AppStore store;
    private final MerchantStore merchants;
    private final OpenIds openIds;
    private final FieldCipher cipher;
    private final MerchantProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebAuthorization(MerchantApps apps, AppStore store, MerchantStore merchants, OpenIds openIds, FieldCipher cipher,
            MerchantProperties properties, Clock clock) {
        this.apps = apps;
        this.store = store;
        this.merchants = merchants;
        this.openIds = openIds;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks an authorise request before the user is asked.
     *
     * @throws AuthorizationError for an unknown app, a redirect outside its domains, or a bad parameter
     */
    public Request check(String appid, String redirectUri, String responseType, String scope, String state) {
        MerchantApp app = (appid == null ? null : apps.app(appid).orElse(null));
        if (app == null) {
            throw new AuthorizationError(AuthorizationError.INVALID_APPID, "invalid appid");
        }
        Merchant merchant = merchants.findMerchant(app.merchantId()).orElseThrow();
        if (merchant.status() == MerchantStatus.SUSPENDED || merchant.status() == MerchantStatus.CLOSED) {
            throw new AuthorizationError(AuthorizationError.APP_UNAVAILABLE, "app unavailable");
        }
        if (!"code".equals(responseType)) {
            throw new AuthorizationError(AuthorizationError.INVALID_RESPONSE_TYPE, "invalid response_type");
        }
        if (!SCOPE_BASE.equals(scope) && !SCOPE_USERINFO.equals(scope)) {
            throw new AuthorizationError(AuthorizationError.INVALID_SCOPE, "invalid scope");
        }
        if (state != null && !STATE.matcher(state).matches()) {
            throw new AuthorizationError(AuthorizationError.INVALID_STATE, "invalid state");
        }
        if (!redirectAllowed(app, redirectUri)) {
            throw new AuthorizationError(AuthorizationError.REDIRECT_URI_MISMATCH, "redirect_uri domain mismatch");
        }
        return new Request(app, merchant.name(), redirectUri, scope, state == null ? "" : state);
    }

    /**
     * The signed-in user confirmed: issues a code and returns where to send the user.
     *
     * @throws AuthorizationError when the request no longer checks out
     */
    @Transactional
    public String confirm(String appid, String redirectUri, String scope, String state, long walletUserId) {
        Request request = check(appid, redirectUri, "code", scope, state);
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        store.insertCode(cipher.blindIndex(code, CODE_PURPOSE), appid, walletUserId, scope, redirectUri,
                now.plus(properties.authorizationCodeTtl()), now);
        return UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code)
                .queryParam("state", request.state()).build().encode().toUriString();
    }

    /**
     * The merchant's server exchanges a code for the user's openid.
     *
     * @throws AuthorizationError for a wrong appid, secret or grant type, or a code that is unknown,
     *                            expired, used, or issued to another app
     */
    @Transactional(noRollbackFor = AuthorizationError.class)
    public Grant exchange(String appid, String secret, String code, String grantType) {
        if (appid == null || apps.app(appid).isEmpty()) {
            throw new AuthorizationError(AuthorizationError.INVALID_APPID, "invalid appid");
        }
        if (!apps.secretMatches(appid, secret)) {
            throw new AuthorizationError(AuthorizationError.INVALID_SECRET, "invalid appsecret");
        }
        if (!"authorization_code".equals(grantType)) {
            throw new AuthorizationError(AuthorizationError.INVALID_GRANT_TYPE, "invalid grant_type");
        }
        if (code == null || code.isBlank()) {
            throw new AuthorizationError(AuthorizationError.INVALID_CODE, "invalid code");
        }
        String hash = cipher.blindIndex(code, CODE_PURPOSE);
        AppStore.CodeRow row = store.lockCode(hash).filter(r -> r.appid().strip().equals(appid))
                .orElseThrow(() -> new AuthorizationError(AuthorizationError.INVALID_CODE, "invalid code"));
        if (row.usedAt().isPresent()) {
            throw new AuthorizationError(AuthorizationError.CODE_USED, "code been used");
        }
        Instant now = clock.instant();
        if (!now.isBefore(row.expiresAt())) {
            throw new AuthorizationError(AuthorizationError.INVALID_CODE, "invalid code");
        }
        store.markCodeUsed(hash, now);
        byte[] token = new byte[48];
        random.nextBytes(token);
        return new Grant(Base64.getUrlEncoder().withoutPadding().encodeToString(token), ACCESS_TOKEN_SECONDS,
                openIds.openidOf(appid, row.userId()), row.scope());
    }

    /**
     * The redirect must be http(s) to a registered domain: exactly its host, or host:port when the
     * redirect names a port. No user info, no fragment.
     */
    static boolean redirectAllowed(MerchantApp app, String redirectUri) {
        if (redirectUri == null || redirectUri.length() > 1000) {
            return false;
        }
        try {
            URI uri = new URI(redirectUri);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return false;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
            return app.domains().contains(uri.getPort() < 0 ? host : hostPort);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
