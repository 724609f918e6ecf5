package dev.mailroom.tenant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in user's own tenant. Operators' cross-tenant views live in their own feature. */
@Service
@PreAuthorize("isAuthenticated()")
public class TenantService {

    private final TenantRepository tenants;

    TenantService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Transactional(readOnly = true)
    public Tenant currentTenant() {
        var id = CurrentTenant.require();
        return tenants.findById(id).orElseThrow(() -> new IllegalStateException("Tenant " + id + " is gone"));
    }
}
