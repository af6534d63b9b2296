package io.lingqian.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a console session: who signed in, to which audience, with which roles. Kept in the
 * HTTP session, so it holds ids and names only; the password hash is erased after sign-in.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    private final Audience audience;
    private final long id;
    private final String login;
    private final String displayName;
    private final List<GrantedAuthority> authorities;
    private String passwordHash;

    public SignedInUser(Audience audience, SignInAccount account) {
        this.audience = audience;
        this.id = account.id();
        this.login = account.login();
        this.displayName = account.displayName();
        this.passwordHash = account.passwordHash();
        List<GrantedAuthority> granted = new ArrayList<>();
        granted.add(new SimpleGrantedAuthority("ROLE_" + audience.role()));
        account.roles().stream().sorted().forEach(role -> granted.add(new SimpleGrantedAuthority("ROLE_" + role)));
        this.authorities = List.copyOf(granted);
    }

    public Audience audience() {
        return audience;
    }

    /** The user's id in the table of the audience's context (wallet_user, merchant_user, staff_user). */
    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Roles beyond the audience role, for display. */
    public List<String> roles() {
        String audienceRole = "ROLE_" + audience.role();
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> !a.equals(audienceRole))
                .map(a -> a.substring("ROLE_".length()))
                .toList();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "SignedInUser[" + audience + " " + id + "]";
    }
}
