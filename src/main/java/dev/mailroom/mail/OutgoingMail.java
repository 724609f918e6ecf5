package dev.mailroom.mail;

import org.jspecify.annotations.Nullable;

/**
 * A plain-text message to one recipient, from the target's sender. Product mail carries the Message-ID it
 * was given when it was queued, so a message sent twice (after a crash) is recognisably the same message.
 */
public record OutgoingMail(
        String to,
        String subject,
        String body,
        @Nullable String messageId,
        @Nullable String html,
        @Nullable String replyTo) {

    public OutgoingMail(String to, String subject, String body, @Nullable String messageId) {
        this(to, subject, body, messageId, null, null);
    }

    public OutgoingMail(String to, String subject, String body) {
        this(to, subject, body, null);
    }
}
