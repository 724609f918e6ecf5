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
        @Version @Nullable Long version) {

    static User create(UUID tenantId, String email, String displayName, String passwordHash, Role role) {
        return new User(UUID.randomUUID(), tenantId, email, displayName, passwordHash, role, null, true,
                Instant.now(), null, null);
    }

    User withRole(Role newRole) {
        return new User(id, tenantId, email, displayName, passwordHash, newRole, preferredLanguage, enabled,
                createdAt, lastLoginAt, version);
    }

    User withPreferredLanguage(@Nullable String language) {
        return new User(id, tenantId, email, displayName, passwordHash, role, language, enabled, createdAt,
                lastLoginAt, version);
    }

    User withLastLoginAt(Instant at) {
        return new User(id, tenantId, email, displayName, passwordHash, role, preferredLanguage, enabled,
                createdAt, at, version);
    }
}
