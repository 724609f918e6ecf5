package dev.mailroom.security;

import dev.mailroom.tenant.TenantMember;
import dev.mailroom.users.LoginAccount;
import dev.mailroom.users.Role;
import dev.mailroom.users.Seat;
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

/**
 * The signed-in person, acting in one seat (a tenant membership or the platform role). The seat is the only source of
 * "current tenant"; it is fixed when the principal is made, and choosing another makes another principal
 * ({@link SeatChoice}). A person with several places to go signs in with no seat and may only choose one.
 */
public final class MailroomUser implements UserDetails, CredentialsContainer, TenantMember {

    @Serial
    private static final long serialVersionUID = 2L;

    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ROLE_USER = "USER";
    public static final String ROLE_OPERATOR = "OPERATOR";
    /** Signed in, no seat chosen yet: may see the tenant picker and nothing else. */
    public static final String ROLE_PERSON = "PERSON";

    private final UUID personId;
    private final String email;
    private final @Nullable String preferredLanguage;
    private final List<Seat> seats;
    private final List<Seat> invitations;
    private final @Nullable Seat seat;
    private final boolean enabled;
    private final List<GrantedAuthority> authorities;
    private @Nullable String passwordHash;
    private boolean erased;
    /** By the database's clock (see LoginAccounts.find), like the changes that end sessions. */
    private final Instant signedInAt;

    /**
     * At sign-in: straight into the one seat there is, or to the picker when there are several (or none, only
     * invitations). A waiting invitation never stands between anyone and their work (a tenant could otherwise put
     * a step in front of a stranger's sign-in): it waits behind "Switch tenant".
     */
    MailroomUser(LoginAccount account) {
        this(account, account.seats().size() == 1 ? account.seats().getFirst() : null);
    }

    MailroomUser(LoginAccount account, @Nullable Seat seat) {
        this(account, seat, account.enabled() && account.passwordHash() != null, List.of());
    }

    private MailroomUser(
            LoginAccount account, @Nullable Seat seat, boolean enabled, java.util.Collection<String> extraAuthorities) {
        this.signedInAt = account.lookedUpAt();
        this.personId = account.personId();
        this.email = account.email();
        this.preferredLanguage = account.preferredLanguage();
        this.seats = account.seats();
        this.invitations = account.invitations();
        this.seat = seat;
        this.enabled = enabled;
        this.passwordHash = account.passwordHash();
        var authorities = new java.util.ArrayList<GrantedAuthority>(authoritiesOf(seat));
        extraAuthorities.forEach(a -> authorities.add(new SimpleGrantedAuthority(a)));
        this.authorities = List.copyOf(authorities);
    }

    private static List<GrantedAuthority> authoritiesOf(@Nullable Seat seat) {
        if (seat == null) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + ROLE_PERSON));
        }
        if (seat.operator()) {
            return List.of(new SimpleGrantedAuthority("ROLE_" + ROLE_OPERATOR));
        }
        // An admin is also a user: anything open to users is open to admins.
        return seat.role() == Role.ADMIN
                ? List.of(
                        new SimpleGrantedAuthority("ROLE_" + ROLE_ADMIN),
                        new SimpleGrantedAuthority("ROLE_" + ROLE_USER))
                : List.of(new SimpleGrantedAuthority("ROLE_" + ROLE_USER));
    }

    /**
     * An API token's caller: the token's one seat, named after the token in audit entries, with the token's scopes
     * beside the seat's role (both must allow a request); no password.
     */
    static MailroomUser forToken(LoginAccount account, String tokenName, java.util.Collection<String> scopes) {
        var seat = account.seats().getFirst();
        var user = new MailroomUser(
                account,
                new Seat(
                        seat.accountId(),
                        seat.tenantId(),
                        seat.tenantName(),
                        seat.role(),
                        seat.displayName() + " (API: " + tokenName + ")"),
                true,
                scopes);
        user.eraseCredentials();
        return user;
    }

    /** When this principal was made, i.e. when its session signed in or chose its seat. */
    public Instant signedInAt() {
        return signedInAt;
    }

    /** The membership's id, the operator's id, or (no seat yet) the person's. */
    @Override
    public UUID accountId() {
        return seat == null ? personId : seat.accountId();
    }

    public UUID personId() {
        return personId;
    }

    @Override
    public @Nullable UUID tenantId() {
        return seat == null ? null : seat.tenantId();
    }

    @Override
    public String displayName() {
        return seat == null ? email : seat.displayName();
    }

    @Override
    public String email() {
        return email;
    }

    public @Nullable String preferredLanguage() {
        return preferredLanguage;
    }

    public boolean isOperator() {
        return seat != null && seat.operator();
    }

    /** Signed in and yet to choose where to act. */
    public boolean choosing() {
        return seat == null;
    }

    /** Where this person could act when they signed in: somewhere to switch to, or a reason to show the picker. */
    public boolean hasChoice() {
        return seats.size() + invitations.size() > 1;
    }

    /** Invitations waiting when this person signed in (the home page points to them). */
    public int invitationCount() {
        return invitations.size();
    }

    public @Nullable Seat seat() {
        return seat;
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
        return o instanceof MailroomUser other
                && other.personId.equals(personId)
                && other.accountId().equals(accountId());
    }

    @Override
    public int hashCode() {
        return accountId().hashCode();
    }

    @Override
    public String toString() {
        return "MailroomUser[" + accountId() + "]";
    }
}
