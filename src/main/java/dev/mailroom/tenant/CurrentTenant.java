package dev.mailroom.tenant;

import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;

/** For services: the tenant of the signed-in user, or a refusal. Never a value passed in by the caller. */
public final class CurrentTenant {

    private CurrentTenant() {}

    public static UUID require() {
        return TenantContext.currentTenantId()
                .orElseThrow(() -> new AccessDeniedException("No tenant for the current user"));
    }

    public static UUID requireAccount() {
        return TenantContext.currentMember()
                .map(TenantMember::accountId)
                .orElseThrow(() -> new AccessDeniedException("Not signed in"));
    }

    /** The signed-in member's display name, e.g. to sign an invitation. */
    public static String requireAccountName() {
        return TenantContext.currentMember()
                .map(TenantMember::displayName)
                .orElseThrow(() -> new AccessDeniedException("Not signed in"));
    }
}
