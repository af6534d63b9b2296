package io.lingqian.merchant;

import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.internal.AppStore;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * A wallet user's openid per app: 28 characters in the style of WeChat's ({@code o} and 27
 * URL-safe base64 characters), derived from a keyed hash of appid and user id. So it is stable for
 * one app, different between apps, and reveals nothing about the user id without the index key.
 * Each one handed out is recorded so it can be resolved back.
 */
@Service
public class OpenIds {

    static final String PURPOSE = "merchant.openid";
    public static final int LENGTH = 28;

    private final AppStore apps;
    private final FieldCipher cipher;
    private final Clock clock;

    OpenIds(AppStore apps, FieldCipher cipher, Clock clock) {
        this.apps = apps;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The user's openid for the app, recorded for {@link #userOf}. */
    @Transactional
    public String openidOf(String appid, long walletUserId) {
        byte[] mac = HexFormat.of().parseHex(cipher.blindIndex(appid + ":" + walletUserId, PURPOSE));
        String openid = "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, LENGTH - 1);
        apps.recordOpenid(appid, openid, walletUserId, clock.instant());
        return openid;
    }

    /** The wallet user behind an openid of this app; empty for an openid never handed out for it. */
    public Optional<Long> userOf(String appid, String openid) {
        if (appid == null || openid == null || openid.length() != LENGTH) {
            return Optional.empty();
        }
        return apps.userOf(appid, openid);
    }
}
