package dev.mailroom.operator;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A person with the platform role: runs the deployment, sees every tenant, belongs to none as an operator. */
public record PlatformOperator(
        @Id UUID id,
        UUID personId,
        String displayName,
        Instant createdAt,
        @Version @Nullable Long version) {}
