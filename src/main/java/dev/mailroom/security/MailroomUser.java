package dev.mailroom.security;

import dev.mailroom.tenant.TenantMember;
import dev.mailroom.users.LoginAccount;
import dev.mailroom.users.Role;
import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in principal. Its tenant is fixed at sign-in and is the only source of "current tenant". */
public final class MailroomUser implements UserDetails, CredentialsContainer, TenantMember {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ROLE_USER = "USER";
    public static final String ROLE_OPERATOR = "OPERATOR";

    private final UUID accountId;
    private final @Nullable UUID tenantId;
    private final String email;
    private final String displayName;
    private final @Nullable String preferredLanguage;
    private final boolean enabled;
    private final List<GrantedAuthority> authorities;
    private @Nullable String passwordHash;
    private boolean erased;
    /** By the database's clock (see LoginAccounts.find), like the changes that end sessions. */
    private final Instant signedInAt;

    MailroomUser(LoginAccount account) {
        this.signedInAt = account.lookedUpAt();
        this.accountId = account.accountId();
        this.tenantId = account.tenantId();
        this.email = account.email();
        this.displayName = account.displayName();
        this.preferredLanguage = account.preferredLanguage();
        this.enabled = account.enabled() && account.passwordHash() != null;
        this.passwordHash = account.passwordHash();
        this.authorities = authoritiesOf(account);
    }

    private static List<GrantedAuthority> authoritiesOf(LoginAccount account) {
        if (account.isOperator()) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + ROLE_OPERATOR));
        }
        // An admin is also a user: anything open to users is open to admins.
        return account.role() == Role.ADMIN
                ? List.of(
                        new SimpleGrantedAuthority("ROLE_" + ROLE_ADMIN),
                        new SimpleGrantedAuthority("ROLE_" + ROLE_USER))
                : List.of(new SimpleGrantedAuthority("ROLE_" + ROLE_USER));
    }

    /** When this principal was made, i.e. when its session signed in. */
    public Instant signedInAt() {
        return signedInAt;
    }

    @Override
    public UUID accountId() {
        return accountId;
    }

    @Override
    public @Nullable UUID tenantId() {
        return tenantId;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String email() {
        return email;
    }

    public @Nullable String preferredLanguage() {
        return preferredLanguage;
    }

    public boolean isOperator() {
        return tenantId == null;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    /**
     * The stored hash; for an account with none (an invitee who has not chosen one) a hash no password matches, so
     * that checking a password for it takes as long as for anyone.
     */
    @Override
    public @Nullable String getPassword() {
        return passwordHash == null && !erased ? NoPassword.HASH : passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
        erased = true;
    }

    /** Made once, when first needed: a BCrypt hash (the encoder's cost) of random bytes no one knows. */
    private static final class NoPassword {
        static final String HASH = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                .encode(java.util.UUID.randomUUID().toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailroomUser other && other.accountId.equals(accountId);
    }

    @Override
    public int hashCode() {
        return accountId.hashCode();
    }

    @Override
    public String toString() {
        return "MailroomUser[" + accountId + "]";
    }
}
