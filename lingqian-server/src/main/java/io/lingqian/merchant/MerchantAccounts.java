package io.lingqian.merchant;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.platform.security.SignInAccount;

/** Opens merchants, adds their portal users and looks those up for sign-in. */
@Service
public class MerchantAccounts {

    /** WeChat Pay merchant numbers are ten digits. */
    private static final Pattern MCHID = Pattern.compile("\\d{10}");
    /** Deliberately loose: the address is proven by mail, not by a pattern. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final MerchantStore store;
    private final PasswordEncoder passwords;
    private final Clock clock;

    MerchantAccounts(MerchantStore store, PasswordEncoder passwords, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Records a merchant.
     *
     * @param mchid null until the merchant is approved
     * @throws IllegalArgumentException when the mchid or name is unacceptable
     * @throws org.springframework.dao.DuplicateKeyException when the mchid is taken
     */
    @Transactional
    public Merchant open(String mchid, String name, MerchantStatus status) {
        if (mchid != null && !MCHID.matcher(mchid).matches()) {
            throw new IllegalArgumentException("a mchid is 10 digits");
        }
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("a merchant name is 1-128 characters");
        }
        return store.insertMerchant(mchid, name.strip(), status, clock.instant());
    }

    /**
     * Adds someone who may sign in to the portal for the merchant.
     *
     * @throws IllegalArgumentException when the email, name or password is unacceptable
     * @throws org.springframework.dao.DuplicateKeyException when the email is taken
     */
    @Transactional
    public MerchantUser addPortalUser(long merchantId, String email, String displayName, String rawPassword) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new IllegalArgumentException("a display name is 1-100 characters");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return store.insertUser(merchantId, normalise(email), displayName.strip(), passwords.encode(rawPassword),
                clock.instant());
    }

    public Optional<Merchant> merchant(long id) {
        return store.findMerchant(id);
    }

    /** The merchant a portal user works for. */
    public Optional<Merchant> merchantOfPortalUser(long merchantUserId) {
        return store.findUserById(merchantUserId).flatMap(row -> store.findMerchant(row.user().merchantId()));
    }

    /** The account to check a portal sign-in against; the email's case does not matter. */
    public Optional<SignInAccount> signInAccount(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return store.findUserByEmail(normalise(email)).map(row -> new SignInAccount(row.user().id(),
                row.user().email(), row.user().displayName(), row.passwordHash(), Set.of()));
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** The merchant with this merchant number (the API finds callers this way); empty for anything but ten digits. */
    public Optional<Merchant> merchantByMchid(String mchid) {
        if (mchid == null || !MCHID.matcher(mchid).matches()) {
            return Optional.empty();
        }
        return store.findByMchid(mchid);
    }
}
