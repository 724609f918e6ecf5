package dev.mailroom.users;

import dev.mailroom.tenant.CurrentTenant;
import java.time.Instant;
import java.util.UUID;
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

    SessionValidity(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public boolean stillValid(UUID userId, Instant signedInAt) {
        return users.sessionStands(userId, CurrentTenant.require(), signedInAt).orElse(false);
    }
}
