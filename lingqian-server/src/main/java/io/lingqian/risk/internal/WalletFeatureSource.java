package io.lingqian.risk.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.lingqian.risk.FeatureSource;
import io.lingqian.wallet.Limits;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletLimits;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/** The engine's query-backed features, from the wallet's public services (asked only when a rule needs them). */
@Component
public class WalletFeatureSource implements FeatureSource {

    private final WalletDevices devices;
    private final WalletUsers users;
    private final WalletLimits limits;

    WalletFeatureSource(WalletDevices devices, WalletUsers users, WalletLimits limits) {
        this.devices = devices;
        this.users = users;
        this.limits = limits;
    }

    @Override
    public Instant deviceFirstSeen(long userId, String deviceId) {
        return devices.devices(userId).stream().filter(d -> d.deviceId().equals(deviceId)).findFirst()
                .map(d -> d.firstSeenAt()).orElse(null);
    }

    @Override
    public Instant accountOpened(long userId) {
        return users.byId(userId).map(WalletUser::createdAt).orElse(null);
    }

    @Override
    public LimitFigures limits(long userId) {
        Limits l = limits.limits(userId);
        return new LimitFigures(l.accountClass().ordinal(), l.classLeftFen(), l.dailyLeftFen());
    }
}
