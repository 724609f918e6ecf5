package dev.mailroom.users;

import java.time.Instant;
import java.util.UUID;

import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantProvisioning;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a signed-in tenant user's session still stands: the user is enabled, the tenant not suspended,
 * and nothing that ends sessions (a new password, deactivation, a changed role) happened after the session
 * signed in. Asked on every request, on whichever node it lands, so it needs no message between nodes.
 */
@Service
public class SessionValidity {

    private final UserRepository users;
    private final TenantProvisioning tenants;

    SessionValidity(UserRepository users, TenantProvisioning tenants) {
        this.users = users;
        this.tenants = tenants;
    }

    @Transactional(readOnly = true)
    public boolean stillValid(UUID userId, Instant signedInAt) {
        var tenant = CurrentTenant.require();
        return users.findByIdAndTenantId(userId, tenant)
                .filter(User::enabled)
                .filter(u -> !tenants.isSuspended(tenant))
                .map(u -> u.sessionsValidFrom() == null || !u.sessionsValidFrom().isAfter(signedInAt))
                .orElse(false);
    }
}
