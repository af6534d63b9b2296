package io.lingqian.staff;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.platform.security.SignInAccount;
import io.lingqian.staff.internal.StaffUserStore;

/** Creates staff accounts and looks them up for sign-in. */
@Service
public class StaffUsers {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final StaffUserStore store;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffUsers(StaffUserStore store, PasswordEncoder passwords, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates a staff member with at least one role.
     *
     * @throws IllegalArgumentException when the username, name, password or roles are unacceptable
     * @throws org.springframework.dao.DuplicateKeyException when the username is taken
     */
    @Transactional
    public StaffUser create(String username, String displayName, String rawPassword, Set<StaffRole> roles) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new IllegalArgumentException("a display name is 1-100 characters");
        }
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a staff member needs at least one role");
        }
        return store.insert(username, displayName.strip(), passwords.encode(rawPassword),
                EnumSet.copyOf(roles), clock.instant());
    }

    public Optional<StaffUser> byUsername(String username) {
        return store.findByUsername(username).map(StaffUserStore.Row::user);
    }

    /** The account to check a staff sign-in against. */
    public Optional<SignInAccount> signInAccount(String username) {
        return store.findByUsername(username).map(row -> new SignInAccount(row.user().id(), row.user().username(),
                row.user().displayName(), row.passwordHash(),
                row.user().roles().stream().map(StaffRole::name).collect(Collectors.toSet())));
    }
}
