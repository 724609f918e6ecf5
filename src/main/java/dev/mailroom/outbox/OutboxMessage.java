package dev.mailroom.outbox;

import dev.mailroom.secrets.SealedSecret;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One queued product message and how its delivery is going.
 *
 * @param body         as stored: a one-time link is a placeholder there, sealed in {@code link}
 * @param lastErrorKey the translation key explaining the last failure; {@code lastError} the server's words
 * @param link         the sealed one-time link, until the server accepted the message
 * @param html         an HTML alternative of the body (mail from the send API), or null
 * @param replyTo      a Reply-To address (mail from the send API), or null
 * @param requestId    the send API request it belongs to, or null
 */
public record OutboxMessage(
        UUID id,
        UUID tenantId,
        String messageId,
        MailKind kind,
        String recipient,
        String subject,
        String body,
        DeliveryState state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastErrorKey,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable SealedSecret link,
        @Nullable String html,
        @Nullable String replyTo,
        @Nullable UUID requestId) {

    /** Records print every field; the sealed link has no business in a log either. */
    @Override
    public String toString() {
        return "OutboxMessage[id=" + id + ", tenant=" + tenantId + ", kind=" + kind + ", state=" + state + ", attempts="
                + attempts + "]";
    }

    /**
     * The last error as an admin reads it, on the page or through the API: the explanation ({@code explain} of
     * key and detail) with the server's words beside it; null when there is none to show.
     */
    public @Nullable String lastErrorFor(java.util.function.BiFunction<String, String, String> explain) {
        if (lastErrorKey == null || state == DeliveryState.SENT) {
            return null;
        }
        String said = lastError == null ? "" : lastError;
        String explanation = explain.apply(lastErrorKey, said);
        return said.isBlank() || explanation.contains(said) ? explanation : explanation + " (" + said + ")";
    }
}
