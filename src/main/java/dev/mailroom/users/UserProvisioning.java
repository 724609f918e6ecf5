package dev.mailroom.users;

import dev.mailroom.tenant.CurrentTenant;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds users to the tenant the current work runs for. For trusted server-side callers (demo seeding,
 * invitations); views never call it.
 */
@Service
public class UserProvisioning {

    private final Clock clock;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    UserProvisioning(UserRepository users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional
    public User addUser(String email, String displayName, String rawPassword, Role role) {
        return users.save(User.create(
                CurrentTenant.require(),
                email.strip(),
                displayName.strip(),
                passwordEncoder.encode(rawPassword),
                role,
                clock.instant()));
    }

    @Transactional
    public void recordLogin(UUID userId) {
        users.findByIdAndTenantId(userId, CurrentTenant.require())
                .ifPresent(user -> users.save(user.withLastLoginAt(clock.instant())));
    }
}
