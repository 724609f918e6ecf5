package dev.mailroom.outbox;

import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.secrets.SecretCipher;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One-time links at rest: the stored body has a placeholder where the link was, and the link is sealed
 * (decision 003's key, bound to its tenant and message), to be opened into its place only when sent.
 */
@Component
class SealedLinks {

    static final String PLACEHOLDER = "[one-time link, sealed until sent]";

    private final SecretCipher cipher;

    SealedLinks(SecretCipher cipher) {
        this.cipher = cipher;
    }

    SealedSecret seal(String link, UUID tenant, UUID message) {
        return cipher.seal(link, boundTo(tenant, message));
    }

    /** The body as the recipient gets it: the sealed one-time link opened into its place. */
    String bodyToSend(OutboxMessage message) {
        var sealed = message.link();
        if (sealed == null) {
            return message.body();
        }
        return message.body().replace(PLACEHOLDER, cipher.open(sealed, boundTo(message.tenantId(), message.id())));
    }

    static String boundTo(UUID tenant, UUID message) {
        return "outbox:" + tenant + ":" + message + ":link";
    }
}
