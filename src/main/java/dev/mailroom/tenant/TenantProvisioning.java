package dev.mailroom.tenant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants. Not secured itself: it is for trusted server-side callers (demo seeding, the
 * operator console's secured service); views never call it, which an architecture test checks.
 */
@Service
public class TenantProvisioning {

    private final TenantRepository tenants;

    TenantProvisioning(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Transactional
    public Tenant createTenant(String slug, String name) {
        return tenants.save(Tenant.create(slug, name));
    }

    @Transactional(readOnly = true)
    public boolean anyTenantExists() {
        return tenants.count() > 0;
    }
}
