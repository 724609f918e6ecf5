package dev.mailroom.mail;

/** What happened to one message of a delivery batch. */
public sealed interface DeliveryOutcome {

    record Sent(String serverReply) implements DeliveryOutcome {}

    /**
     * @param permanent      retrying cannot help (5xx, authentication, certificate trust, egress policy)
     * @param explanationKey the plain-words explanation an admin sees
     */
    record Failed(boolean permanent, String explanationKey, String detail) implements DeliveryOutcome {}
}
