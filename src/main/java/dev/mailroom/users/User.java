package dev.mailroom.users;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's membership of one tenant: their name and role there, enabled or not, joined or still invited. The
 * password and the language are the person's (dev.mailroom.people), the same in every tenant.
 */
@Table("app_user")
public record User(
        @Id UUID id,
        UUID tenantId,
        UUID personId,
        String email,
        String emailKey,
        String displayName,
        Role role,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant joinedAt,
        @Nullable Instant lastLoginAt,
        @Nullable Instant sessionsValidFrom,
        @Version @Nullable Long version) {

    static User invited(UUID tenantId, UUID personId, String email, String displayName, Role role, Instant now) {
        return new User(
                UUID.randomUUID(),
                tenantId,
                personId,
                email,
                dev.mailroom.people.EmailKey.of(email),
                displayName,
                role,
                true,
                now,
                null,
                null,
                null,
                null);
    }

    /** Invited and not yet accepted. */
    public boolean invited() {
        return joinedAt == null;
    }

    User joined(Instant now) {
        return new User(
                id,
                tenantId,
                personId,
                email,
                emailKey,
                displayName,
                role,
                enabled,
                createdAt,
                joinedAt == null ? now : joinedAt,
                lastLoginAt,
                sessionsValidFrom,
                version);
    }

    User withRole(Role newRole) {
        // Rights are fixed at sign-in: the database ends the sessions that carry the old role (V12's trigger).
        return new User(
                id,
                tenantId,
                personId,
                email,
                emailKey,
                displayName,
                newRole,
                enabled,
                createdAt,
                joinedAt,
                lastLoginAt,
                sessionsValidFrom,
                version);
    }

    User withEnabled(boolean on) {
        return new User(
                id,
                tenantId,
                personId,
                email,
                emailKey,
                displayName,
                role,
                on,
                createdAt,
                joinedAt,
                lastLoginAt,
                sessionsValidFrom,
                version);
    }

    User withLastLoginAt(Instant at) {
        return new User(
                id,
                tenantId,
                personId,
                email,
                emailKey,
                displayName,
                role,
                enabled,
                createdAt,
                joinedAt,
                at,
                sessionsValidFrom,
                version);
    }
}
