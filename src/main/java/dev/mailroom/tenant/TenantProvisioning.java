package dev.mailroom.tenant;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants. Not secured itself: it is for trusted server-side callers (demo seeding, the
 * operator console's secured service); views never call it, which an architecture test checks.
 */
@Service
public class TenantProvisioning {

    private final Clock clock;

    private final TenantRepository tenants;

    TenantProvisioning(TenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional
    public Tenant createTenant(String slug, String name) {
        return createTenant(UUID.randomUUID(), slug, name);
    }

    /** With an id chosen beforehand, so the caller can run the whole creation as the new tenant. */
    @Transactional
    public Tenant createTenant(UUID id, String slug, String name) {
        return tenants.save(Tenant.create(id, slug, name, clock.instant()));
    }

    @Transactional
    public boolean slugTaken(String slug) {
        return tenants.findBySlug(slug).isPresent();
    }

    /**
     * Nobody of a suspended tenant signs in; sessions end at their next request. Mail already queued waits.
     *
     * @return false if there is no such tenant
     */
    @Transactional
    public boolean setSuspended(UUID id, boolean suspended) {
        var tenant = tenants.findById(id).orElse(null);
        if (tenant == null) {
            return false;
        }
        if (tenant.suspended() != suspended) {
            tenants.save(tenant.withSuspendedAt(suspended ? clock.instant() : null));
        }
        return true;
    }

    @Transactional(readOnly = true)
    public boolean isSuspended(UUID id) {
        return tenants.findById(id).map(Tenant::suspended).orElse(true);
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Tenant> find(UUID id) {
        return tenants.findById(id);
    }

    @Transactional(readOnly = true)
    public boolean anyTenantExists() {
        return tenants.count() > 0;
    }
}
