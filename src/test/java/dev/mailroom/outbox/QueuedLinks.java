package dev.mailroom.outbox;

import dev.mailroom.secrets.SecretCipher;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * For tests whose outbox does not send: the one-time link a queued message will carry, opened the way the
 * dispatcher opens it at send time.
 */
@Component
public class QueuedLinks {

    private final SecretCipher cipher;

    QueuedLinks(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String linkOf(OutboxMessage message) {
        return cipher.open(
                Objects.requireNonNull(message.link(), "no sealed link"),
                SealedLinks.boundTo(message.tenantId(), message.id()));
    }
}
