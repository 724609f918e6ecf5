package dev.mailroom.support;

import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import dev.mailroom.users.UserProvisioning;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Fresh tenants and users for one test, and signing in as one of them (as the login form would). */
@Component
public class TestTenants {

    public static final String PASSWORD = "correct horse battery";

    private final TenantProvisioning tenants;
    private final UserProvisioning users;
    private final UserDetailsService userDetails;
    private final SecurityContextHolderStrategy contextStrategy;
    private final org.springframework.beans.factory.ObjectProvider<dev.mailroom.security.SeatChoice> seats;

    TestTenants(
            TenantProvisioning tenants,
            UserProvisioning users,
            UserDetailsService userDetails,
            org.springframework.beans.factory.ObjectProvider<dev.mailroom.security.SeatChoice> seats,
            org.springframework.beans.factory.ObjectProvider<SecurityContextHolderStrategy> contextStrategy) {
        this.tenants = tenants;
        this.seats = seats;
        this.users = users;
        this.userDetails = userDetails;
        this.contextStrategy = contextStrategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public Tenant newTenant(String name) {
        String slug = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return tenants.createTenant(slug, name);
    }

    public User newUser(Tenant tenant, String name, Role role) {
        String email =
                name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + tenant.slug() + ".test";
        return TenantContext.callAsTenant(tenant.id(), () -> users.addUser(email, name, PASSWORD, role));
    }

    /** A membership of this person (made if new) in this tenant, joined, e.g. a consultant in a second tenant. */
    public User newMember(Tenant tenant, String email, String name, Role role) {
        return TenantContext.callAsTenant(tenant.id(), () -> users.addUser(email, name, PASSWORD, role));
    }

    /** Signs in as this member, in this membership's tenant (a person in several would otherwise be choosing). */
    public void signInAs(User user) {
        signInAs(user.email());
        // A person in several tenants signs in choosing: take this membership's seat, as the picker would.
        if (contextStrategy.getContext().getAuthentication().getPrincipal()
                        instanceof dev.mailroom.security.MailroomUser me
                && me.choosing()) {
            // Not one of their seats now (deactivated, tenant suspended): stay signed in choosing, as the picker would.
            if (me.hasChoice()) {
                var seated = seats.getObject().choose(user.id());
                contextStrategy.setContext(new SecurityContextImpl(seated));
            }
        }
    }

    /**
     * Signs in as the login form would. Every Spring context in the test JVM installs its own Vaadin-aware
     * strategy globally, while the method security of an earlier, cached context keeps the one it was built
     * with: signing in makes this context's strategy the global one again, so that code reading the static
     * holder (and worker threads it hands the context to) agrees with this context's method security.
     */
    public void signInAs(String email) {
        var principal = userDetails.loadUserByUsername(email);
        var context = new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContextHolderStrategy(contextStrategy);
        contextStrategy.setContext(context);
    }

    /** What the login form would have produced for this user, e.g. for a browserless user context. */
    public org.springframework.security.core.Authentication authenticationOf(User user) {
        return authenticationOf(user.email());
    }

    public org.springframework.security.core.Authentication authenticationOf(String email) {
        var principal = userDetails.loadUserByUsername(email);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    public void signOut() {
        SecurityContextHolder.clearContext();
        contextStrategy.clearContext();
    }
}
