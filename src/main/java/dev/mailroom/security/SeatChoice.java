package dev.mailroom.security;

import dev.mailroom.tenant.TenantContext;
import dev.mailroom.users.AccountSetup;
import dev.mailroom.users.LoginAccount;
import dev.mailroom.users.LoginAccounts;
import dev.mailroom.users.Seat;
import dev.mailroom.users.UserProvisioning;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Where a signed-in person acts: the tenant picker after sign-in and "Switch tenant" in the user menu. Every choice
 * is judged against the person's memberships as they are now (read again, not as the session remembers them), and
 * makes a new principal for that one seat; nothing the page sends can name another person's.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class SeatChoice {

    /** Where the person can go now, and the invitations waiting for them. */
    public record Choices(List<Seat> seats, List<Seat> invitations) {}

    private final LoginAccounts accounts;
    private final AccountSetup setup;
    private final UserProvisioning provisioning;

    SeatChoice(LoginAccounts accounts, AccountSetup setup, UserProvisioning provisioning) {
        this.accounts = accounts;
        this.setup = setup;
        this.provisioning = provisioning;
    }

    public Choices choices() {
        var fresh = fresh(me());
        return new Choices(fresh.seats(), fresh.invitations());
    }

    /**
     * @return the signed-in person in that seat, for the caller to put in the session
     * @throws AccessDeniedException the seat is not (or no longer) this person's to take
     */
    public Authentication choose(UUID accountId) {
        var me = me();
        var fresh = fresh(me);
        var seat = fresh.seats().stream()
                .filter(s -> s.accountId().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new AccessDeniedException("Not a seat of the signed-in person"));
        var tenant = seat.tenantId();
        if (tenant != null) {
            TenantContext.callAsTenant(tenant, () -> {
                provisioning.recordLogin(seat.accountId());
                return null;
            });
        }
        var user = new MailroomUser(fresh, seat);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    /** Accepts an invitation waiting for the signed-in person, and takes its seat. */
    public Authentication accept(UUID membershipId) {
        var me = me();
        var invitation = fresh(me).invitations().stream()
                .filter(s -> s.accountId().equals(membershipId))
                .findFirst()
                .orElseThrow(() -> new AccessDeniedException("Not an invitation of the signed-in person"));
        setup.accept(java.util.Objects.requireNonNull(invitation.tenantId()), membershipId, me.personId());
        return choose(membershipId);
    }

    private static MailroomUser me() {
        return TenantContext.currentMember()
                .filter(MailroomUser.class::isInstance)
                .map(MailroomUser.class::cast)
                .orElseThrow(() -> new AccessDeniedException("Not signed in"));
    }

    /** The person as they are now; a password set since this session signed in ends it here too. */
    private LoginAccount fresh(MailroomUser me) {
        var fresh = accounts.find(me.email())
                .filter(a -> a.personId().equals(me.personId()))
                .orElseThrow(() -> new AccessDeniedException("The signed-in person is gone"));
        var endedFrom = fresh.sessionsValidFrom();
        if (endedFrom != null && endedFrom.isAfter(me.signedInAt())) {
            throw new AccessDeniedException("The session ended with a new password");
        }
        return fresh;
    }
}
