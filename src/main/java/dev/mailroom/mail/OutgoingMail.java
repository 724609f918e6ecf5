package dev.mailroom.mail;

import org.jspecify.annotations.Nullable;

/**
 * A plain-text message to one recipient, from the target's sender. Product mail carries the Message-ID it
 * was given when it was queued, so a message sent twice (after a crash) is recognisably the same message.
 */
public record OutgoingMail(
        String to, String subject, String body, @Nullable String messageId) {

    public OutgoingMail(String to, String subject, String body) {
        this(to, subject, body, null);
    }
}
