package dev.mailroom.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One queued product message and how its delivery is going.
 *
 * @param lastErrorKey the translation key explaining the last failure; {@code lastError} the server's words
 */
public record OutboxMessage(UUID id, UUID tenantId, String messageId, MailKind kind, String recipient, String subject,
                            String body, DeliveryState state, int attempts, Instant nextAttemptAt,
                            @Nullable String lastErrorKey, @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {
}
