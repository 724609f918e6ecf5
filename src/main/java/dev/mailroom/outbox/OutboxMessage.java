package dev.mailroom.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One queued product message and how its delivery is going. */
public record OutboxMessage(UUID id, UUID tenantId, String messageId, MailKind kind, String recipient, String subject,
                            String body, DeliveryState state, int attempts, Instant nextAttemptAt,
                            @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {
}
