package io.lingqian.wallet;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.platform.security.SignInAccount;
import io.lingqian.wallet.internal.SecurityStore;
import io.lingqian.wallet.internal.WalletUserStore;

/** Registers wallet users and looks them up for sign-in. */
@Service
public class WalletUsers {

    /** A mainland China mobile number: 11 digits, the first one 1. */
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final WalletUserStore store;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final CustomerAccounts accounts;
    private final SecurityStore security;

    WalletUsers(WalletUserStore store, PasswordEncoder passwords, Clock clock, CustomerAccounts accounts,
            SecurityStore security) {
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
        this.accounts = accounts;
        this.security = security;
    }

    public static boolean isMobileNumber(String candidate) {
        return candidate != null && MOBILE.matcher(candidate).matches();
    }

    /**
     * Registers a wallet user.
     *
     * @throws IllegalArgumentException when the mobile number, name or password is unacceptable
     * @throws org.springframework.dao.DuplicateKeyException when the mobile number is registered already
     */
    @Transactional
    public WalletUser register(String mobile, String displayName, String rawPassword) {
        if (!isMobileNumber(mobile)) {
            throw new IllegalArgumentException("a mobile number is 11 digits starting with 1");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new IllegalArgumentException("a display name is 1-100 characters");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        WalletUser user = store.insert(mobile, displayName.strip(), passwords.encode(rawPassword), clock.instant());
        security.ensure(user.id(), clock.instant());
        // in the same transaction: a user without a wallet account never exists
        accounts.openWallet(user.id());
        return user;
    }

    /** Whether a user with this id exists. */
    public boolean exists(long id) {
        return store.findById(id).isPresent();
    }

    /**
     * Checks a mobile number and login password (for the API's token sign-in; the console signs in
     * through Spring Security's form login with the same store and encoder).
     */
    public Optional<WalletUser> authenticate(String mobile, String rawPassword) {
        if (!isMobileNumber(mobile) || rawPassword == null) {
            return Optional.empty();
        }
        return store.findByMobile(mobile).filter(row -> passwords.matches(rawPassword, row.passwordHash()))
                .map(WalletUserStore.Row::user);
    }

    /** The user registered with this mobile number, if any (for adding a contact). */
    public Optional<WalletUser> byMobile(String mobile) {
        if (!isMobileNumber(mobile)) {
            return Optional.empty();
        }
        return store.findByMobile(mobile).map(WalletUserStore.Row::user);
    }

    public Optional<WalletUser> byId(long id) {
        return store.findById(id).map(WalletUserStore.Row::user);
    }

    /** The account to check a wallet sign-in against; anything but a mobile number finds nothing. */
    public Optional<SignInAccount> signInAccount(String mobile) {
        if (!isMobileNumber(mobile)) {
            return Optional.empty();
        }
        return store.findByMobile(mobile).map(row -> new SignInAccount(row.user().id(), row.user().mobile(),
                row.user().displayName(), row.passwordHash(), Set.of()));
    }
}
