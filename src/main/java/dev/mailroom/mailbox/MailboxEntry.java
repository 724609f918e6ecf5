package dev.mailroom.mailbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message in the demo mailbox, as listed: who sent it to whom, and how the sender came in.
 *
 * @param authMechanism the SASL mechanism the client signed in with; null without AUTH
 * @param tlsProtocol   e.g. TLSv1.3; null when the message came over plaintext
 */
public record MailboxEntry(
        UUID id,
        Instant receivedAt,
        String from,
        String to,
        @Nullable String subject,
        @Nullable String authMechanism,
        @Nullable String authUser,
        @Nullable String tlsProtocol) {}
