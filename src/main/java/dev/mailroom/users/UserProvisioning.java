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
    private final dev.mailroom.people.People people;
    private final PasswordEncoder passwordEncoder;

    UserProvisioning(
            UserRepository users, dev.mailroom.people.People people, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** A member who has joined, with this password unless the person already has one (theirs in every tenant). */
    @Transactional
    public User addUser(String email, String displayName, String rawPassword, Role role) {
        var person = people.named(email);
        var now = clock.instant();
        var user = users.save(
                User.invited(CurrentTenant.require(), person.id(), email.strip(), displayName.strip(), role, now)
                        .joined(now));
        // A person already in another tenant keeps the password they have: adding them changes nothing of theirs.
        if (!person.hasPassword()) {
            people.setPasswordHash(person.id(), passwordEncoder.encode(rawPassword));
        }
        return user;
    }

    @Transactional
    public void recordLogin(UUID userId) {
        users.findByIdAndTenantId(userId, CurrentTenant.require())
                .ifPresent(user -> users.save(user.withLastLoginAt(clock.instant())));
    }
}
