package io.lingqian.wallet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.lingqian.wallet.internal.DeviceStore;
import io.lingqian.wallet.internal.SecurityStore;
import io.lingqian.wallet.internal.TokenCache;

/**
 * Devices a user signs in from, and the bearer tokens of the wallet API: a token is issued for one
 * user on one device; only its SHA-256 is stored.
 */
@Service
public class WalletDevices {

    /** The user and device a bearer token stands for. */
    public record TokenHolder(WalletUser user, String deviceId) {

        public long userId() {
            return user.id();
        }
    }

    /** A new token, shown once. */
    public record IssuedToken(String token, Instant expiresAt, WalletUser user) {

        @Override
        public String toString() {
            return "IssuedToken[user " + user.id() + "]";
        }
    }

    private final DeviceStore store;
    private final SecurityStore security;
    private final WalletUsers users;
    private final WalletProperties settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final TokenCache<TokenHolder> tokens;

    WalletDevices(DeviceStore store, SecurityStore security, WalletUsers users, WalletProperties settings, Clock clock,
            ApplicationEventPublisher events) {
        this.tokens = new TokenCache<>(settings.sessions().cacheFor(), settings.sessions().cacheSize());
        this.events = events;
        this.store = store;
        this.security = security;
        this.users = users;
        this.settings = settings;
        this.clock = clock;
    }

    /** A device id is 8-64 characters of letters, digits, '-' and '_'. */
    public static boolean isDeviceId(String candidate) {
        return candidate != null && candidate.matches("[A-Za-z0-9_-]{8,64}");
    }

    /** Records a sign-in or visit from a device. */
    @Transactional
    public void seen(long userId, String deviceId, String name) {
        if (!isDeviceId(deviceId)) {
            throw WalletProblems.invalid("invalid_device_id", "A device id is 8-64 letters, digits, '-' or '_'.");
        }
        String label = name == null || name.isBlank() ? "Unnamed device" : name.strip();
        store.seen(userId, deviceId, label.length() > 100 ? label.substring(0, 100) : label, clock.instant());
    }

    public List<Device> devices(long userId) {
        security.ensure(userId, clock.instant());
        SecurityStore.Row sec = security.get(userId);
        return store.devices(userId).stream()
                .map(d -> new Device(d.deviceId(), d.name(), d.firstSeenAt().toInstant(), d.lastSeenAt().toInstant(),
                        sec.hardwareLock() && d.deviceId().equals(sec.boundDeviceId())))
                .toList();
    }

    /** Signs in for the API: checks the login password and issues a token for the device. */
    @Transactional
    public Optional<IssuedToken> signIn(String mobile, String password, String deviceId, String deviceName) {
        if (!isDeviceId(deviceId)) {
            throw WalletProblems.invalid("invalid_device_id", "A device id is 8-64 letters, digits, '-' or '_'.");
        }
        Optional<WalletUser> found = users.authenticate(mobile, password);
        if (found.isEmpty()) {
            events.publishEvent(new WalletSecurityEvent(WalletSecurityEvent.Kind.LOGIN_FAILED,
                    users.byMobile(mobile).map(WalletUser::id).orElse(null), deviceId,
                    "API sign-in refused for " + maskMobile(mobile), clock.instant()));
        }
        return found.map(user -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Instant now = clock.instant();
            Instant expires = now.plus(settings.sessions().tokenValidity());
            store.insertToken(hash(token), user.id(), deviceId, now, expires);
            seen(user.id(), deviceId, deviceName);
            return new IssuedToken(token, expires, user);
        });
    }

    /**
     * Who a bearer token signs in, if it is neither expired nor revoked. A token the database said was
     * valid is remembered for {@code lingqian.wallet.sessions.cache-for} (a burst of calls costs one
     * lookup); signing out on this instance ends that at once (see {@link TokenCache}).
     */
    public Optional<TokenHolder> authenticate(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        TokenHolder cached = tokens.get(hash, now);
        if (cached != null) {
            return Optional.of(cached);
        }
        long epoch = tokens.epoch();
        return store.session(hash, now).map(row -> {
            TokenHolder holder = new TokenHolder(new WalletUser(row.userId(), row.mobile(), row.displayName(),
                    row.createdAt().toInstant()), row.deviceId());
            tokens.put(hash, holder, row.expiresAt().toInstant(), now, epoch);
            return holder;
        });
    }

    /** Revokes the token; the next call with it is refused, cached or not. */
    public void signOut(String token) {
        String hash = hash(token);
        store.revokeToken(hash);
        tokens.revoked(hash);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a lookup between the revocation above and its commit still read the valid row
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    tokens.revoked(hash);
                }
            });
        }
    }

    /** {@code 138****1234}: enough for staff to recognise, not enough to use. */
    public static String maskMobile(String mobile) {
        return mobile == null || mobile.length() != 11 ? "?" : mobile.substring(0, 3) + "****" + mobile.substring(7);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is on every JDK", e);
        }
    }
}
