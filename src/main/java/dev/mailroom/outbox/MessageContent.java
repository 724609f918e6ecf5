package dev.mailroom.outbox;

import org.jspecify.annotations.Nullable;

/**
 * What a send API message says, checked: a subject, a text body (made from the HTML when only HTML was given), an
 * optional HTML alternative and Reply-To.
 */
public record MessageContent(
        String subject,
        String text,
        @Nullable String html,
        @Nullable String replyTo) {}
