package dev.mailroom.support;

import java.util.UUID;

import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import dev.mailroom.users.UserProvisioning;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Fresh tenants and users for one test, and signing in as one of them (as the login form would). */
@Component
public class TestTenants {

    public static final String PASSWORD = "correct horse battery";

    private final TenantProvisioning tenants;
    private final UserProvisioning users;
    private final UserDetailsService userDetails;

    TestTenants(TenantProvisioning tenants, UserProvisioning users, UserDetailsService userDetails) {
        this.tenants = tenants;
        this.users = users;
        this.userDetails = userDetails;
    }

    public Tenant newTenant(String name) {
        String slug = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return tenants.createTenant(slug, name);
    }

    public User newUser(Tenant tenant, String name, Role role) {
        String email = name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + tenant.slug() + ".test";
        return TenantContext.callAsTenant(tenant.id(), () -> users.addUser(email, name, PASSWORD, role));
    }

    public void signInAs(User user) {
        signInAs(user.email());
    }

    public void signInAs(String email) {
        var principal = userDetails.loadUserByUsername(email);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }
}
