package dev.mailroom.mail;

import java.time.Duration;

/** What happened to one message of a delivery batch. */
public sealed interface DeliveryOutcome {

    record Sent(String serverReply) implements DeliveryOutcome {}

    /**
     * @param permanent      retrying cannot help (5xx, authentication, certificate trust, egress policy)
     * @param explanationKey the plain-words explanation an admin sees
     */
    record Failed(boolean permanent, String explanationKey, String detail) implements DeliveryOutcome {}

    /**
     * Not attempted: the batch ran out of time (its lease), or the tenant's sending rate says later; it goes back to
     * the queue as it was, due again after {@code dueAfter}.
     */
    record Deferred(Duration dueAfter) implements DeliveryOutcome {
        public static final Deferred NOW = new Deferred(Duration.ZERO);
    }

    /**
     * The server said "slow down" or "quota used" ({@link ThrottlingReplies}): not this message's fault, so its
     * attempt does not count; the tenant's sending to that server pauses, and the rest of the batch waits too.
     */
    record Throttled(ThrottlingReplies.Throttling throttling) implements DeliveryOutcome {}
}
