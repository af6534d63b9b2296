package io.lingqian.merchant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.internal.AppStore;
import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * The apps a merchant registers (official accounts, mini programs, mobile apps), each with an appid
 * bound to the merchant's mchid and an app secret shown once. Methods a merchant calls take its
 * merchant id, so it only ever reaches its own apps.
 */
@Service
public class MerchantApps {

    static final String SECRET_PURPOSE = "merchant.app_secret";
    static final int MAX_DOMAINS = 5;
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\\d{1,5})?");
    private static final int APPID_ATTEMPTS = 20;

    private final AppStore apps;
    private final MerchantStore merchants;
    private final FieldCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MerchantApps(AppStore apps, MerchantStore merchants, FieldCipher cipher, Clock clock) {
        this.apps = apps;
        this.merchants = merchants;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Registers an app for a merchant that has its mchid (approved or later, not closed).
     *
     * @param domains host names (optionally with a port) the web authorisation may return to; up to 5
     * @throws InvalidApplicationException with errors on {@code name} or {@code domains}
     */
    @Transactional
    public AppSecret register(long merchantId, AppKind kind, String name, List<String> domains) {
        Merchant merchant = merchants.findMerchant(merchantId).orElseThrow(() -> new ApiProblemException(
                HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such merchant."));
        if (merchant.mchid().isEmpty() || merchant.status() == MerchantStatus.CLOSED) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "no_mchid",
                    "Apps are bound to a mchid: register them once the application is approved.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (kind == null) {
            errors.put("kind", "Choose the kind of app.");
        }
        if (name == null || name.isBlank() || name.strip().length() > 64) {
            errors.put("name", "1 to 64 characters.");
        }
        List<String> cleanDomains = new ArrayList<>(new LinkedHashSet<>(domains.stream()
                .map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList()));
        if (cleanDomains.size() > MAX_DOMAINS) {
            errors.put("domains", "At most " + MAX_DOMAINS + " domains.");
        }
        cleanDomains.stream().filter(d -> !DOMAIN.matcher(d).matches()).findFirst().ifPresent(d -> errors.put(
                "domains", "Not a domain name: " + d + " (write shop.example.cn, without https:// or a path)."));
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        String appid = newAppid();
        String secret = newSecret();
        Instant now = clock.instant();
        apps.insert(appid, merchantId, kind, name.strip(), hash(secret), cleanDomains, now);
        return new AppSecret(apps.find(appid).orElseThrow().app(), secret);
    }

    /** Replaces an app's secret; the old one stops working at once. */
    @Transactional
    public AppSecret replaceSecret(long merchantId, String appid) {
        AppStore.AppRow row = ownRow(merchantId, appid);
        String secret = newSecret();
        apps.replaceSecret(row.id(), hash(secret), clock.instant());
        return new AppSecret(apps.find(appid).orElseThrow().app(), secret);
    }

    public List<MerchantApp> appsOf(long merchantId) {
        return apps.ofMerchant(merchantId);
    }

    /** A merchant's own app; empty for an app of another merchant. */
    public Optional<MerchantApp> appOf(long merchantId, String appid) {
        return apps.find(appid).map(AppStore.AppRow::app).filter(app -> app.merchantId() == merchantId);
    }

    /** Whether the appid belongs to the merchant with this mchid: the payments API checks it on every order. */
    public boolean isBound(String appid, String mchid) {
        if (appid == null || mchid == null) {
            return false;
        }
        Optional<AppStore.AppRow> row = apps.find(appid);
        return row.isPresent() && merchants.findByMchid(mchid)
                .map(m -> m.id() == row.get().app().merchantId()).orElse(false);
    }

    /** Any app by appid, for the web authorisation. */
    Optional<MerchantApp> app(String appid) {
        return apps.find(appid).map(AppStore.AppRow::app);
    }

    /** Whether the secret is the app's current one, compared in constant time. */
    boolean secretMatches(String appid, String secret) {
        if (secret == null) {
            return false;
        }
        return apps.find(appid).map(row -> MessageDigest.isEqual(
                row.secretHash().getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    private AppStore.AppRow ownRow(long merchantId, String appid) {
        return apps.find(appid).filter(row -> row.app().merchantId() == merchantId)
                .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such app."));
    }

    private String newAppid() {
        for (int i = 0; i < APPID_ATTEMPTS; i++) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            String candidate = "wx" + HexFormat.of().formatHex(bytes);
            if (!apps.appidTaken(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free appid after " + APPID_ATTEMPTS + " attempts");
    }

    /** 32 hex characters, like a WeChat AppSecret: 128 random bits. */
    private String newSecret() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String hash(String secret) {
        return cipher.blindIndex(secret, SECRET_PURPOSE);
    }
}
