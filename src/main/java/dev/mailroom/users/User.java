package dev.mailroom.users;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

@Table("app_user")
public record User(
        @Id UUID id,
        UUID tenantId,
        String email,
        String displayName,
        @Nullable String passwordHash,
        Role role,
        @Nullable String preferredLanguage,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant lastLoginAt,
        @Nullable Instant sessionsValidFrom,
        @Version @Nullable Long version) {

    static User create(UUID tenantId, String email, String displayName, String passwordHash, Role role, Instant now) {
        return new User(
                UUID.randomUUID(), tenantId, email, displayName, passwordHash, role, null, true, now, null, null, null);
    }

    User withRole(Role newRole, Instant now) {
        // Rights are fixed at sign-in: a changed role ends the sessions that carry the old one.
        return new User(
                id,
                tenantId,
                email,
                displayName,
                passwordHash,
                newRole,
                preferredLanguage,
                enabled,
                createdAt,
                lastLoginAt,
                newRole == role ? sessionsValidFrom : now,
                version);
    }

    User withPreferredLanguage(@Nullable String language) {
        return new User(
                id,
                tenantId,
                email,
                displayName,
                passwordHash,
                role,
                language,
                enabled,
                createdAt,
                lastLoginAt,
                sessionsValidFrom,
                version);
    }

    User withPasswordHash(String hash, Instant now) {
        return new User(
                id,
                tenantId,
                email,
                displayName,
                hash,
                role,
                preferredLanguage,
                enabled,
                createdAt,
                lastLoginAt,
                now,
                version);
    }

    User withEnabled(boolean on, Instant now) {
        return new User(
                id,
                tenantId,
                email,
                displayName,
                passwordHash,
                role,
                preferredLanguage,
                on,
                createdAt,
                lastLoginAt,
                now,
                version);
    }

    static User invited(UUID tenantId, String email, String displayName, Role role, Instant now) {
        return new User(UUID.randomUUID(), tenantId, email, displayName, null, role, null, true, now, null, null, null);
    }

    /** Invited and not yet joined: no password chosen. */
    public boolean invited() {
        return passwordHash == null;
    }

    User withLastLoginAt(Instant at) {
        return new User(
                id,
                tenantId,
                email,
                displayName,
                passwordHash,
                role,
                preferredLanguage,
                enabled,
                createdAt,
                at,
                sessionsValidFrom,
                version);
    }
}
