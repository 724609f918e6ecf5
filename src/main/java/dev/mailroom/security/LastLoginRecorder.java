package dev.mailroom.security;

import dev.mailroom.tenant.TenantContext;
import dev.mailroom.users.UserProvisioning;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

@Component
class LastLoginRecorder {

    private final UserProvisioning users;

    LastLoginRecorder(UserProvisioning users) {
        this.users = users;
    }

    // The event comes before the security context holds the new user, so the tenant is named explicitly.
    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof MailroomUser user && user.tenantId() != null) {
            TenantContext.callAsTenant(user.tenantId(), () -> {
                users.recordLogin(user.accountId());
                return null;
            });
        }
    }
}
