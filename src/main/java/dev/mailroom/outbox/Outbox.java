package dev.mailroom.outbox;

import dev.mailroom.mail.MailProperties;
import dev.mailroom.mail.SenderHeaders;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.tenant.CurrentTenant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues product mail for the current tenant. Only inside the transaction of the change that causes the
 * mail: if the change rolls back, so does the mail; if it commits, the mail will be sent (at least once).
 */
@Service
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final OutboxDispatcher dispatcher;
    private final SealedLinks links;
    private final String messageIdDomain;

    private final MeterRegistry meters;

    private final TenantMailTargets targets;

    Outbox(
            OutboxStore store,
            Clock clock,
            OutboxDispatcher dispatcher,
            SealedLinks links,
            MeterRegistry meters,
            TenantMailTargets targets,
            MailProperties mail) {
        this.targets = targets;
        this.meters = meters;
        // Listed from the start (at zero), so dashboards and alerts see every kind before the first mail.
        for (var kind : MailKind.values()) {
            meters.counter("mailroom.mail.queued", "kind", kind.tag());
        }
        this.store = store;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.links = links;
        this.messageIdDomain = mail.ehloName();
    }

    /** Which tenant sent a message this deployment queued, by its Message-ID (the demo mailbox files it there). */
    public java.util.Optional<java.util.UUID> tenantOfMessage(String messageId) {
        return store.tenantOf(messageId);
    }

    /** @return the stable Message-ID the message will carry, every time it is sent */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(MailKind kind, String recipient, String subject, String body) {
        return insert(kind, recipient, subject, body, null, null).messageId();
    }

    /**
     * Queues a message that carries a one-time link. The stored body has a placeholder where the link was;
     * the link is sealed (decision 003's key, bound to this message) and dropped once the server accepted the
     * message, so that a read of the database (a backup, a replica) yields no working link. A failed message
     * keeps it sealed, so that Retry still sends a working link.
     *
     * @param body contains {@code oneTimeLink}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueueWithLink(MailKind kind, String recipient, String subject, String body, String oneTimeLink) {
        if (oneTimeLink.isEmpty() || !body.contains(oneTimeLink)) {
            throw new IllegalArgumentException("The body does not contain its link");
        }
        return insert(kind, recipient, subject, body.replace(oneTimeLink, SealedLinks.PLACEHOLDER), oneTimeLink, null)
                .messageId();
    }

    /** Queues one recipient's copy of a send API request (its content already checked), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    OutboxMessage enqueueFromApi(UUID request, String recipient, MessageContent content) {
        return insert(MailKind.API, recipient, content.subject(), content.text(), null, new Extras(content, request));
    }

    private record Extras(MessageContent content, UUID request) {}

    private OutboxMessage insert(
            MailKind kind,
            String recipient,
            String subject,
            String body,
            @Nullable String link,
            @Nullable Extras extras) {
        UUID id = UUID.randomUUID();
        UUID tenant = CurrentTenant.require();
        // The sender's domain at the time of queueing: the id is fixed now, so a re-send carries the same one.
        String domain = targets.senderAddress(tenant)
                .map(sender -> SenderHeaders.messageIdDomain(sender, messageIdDomain))
                .orElse(messageIdDomain);
        String messageId = "<" + id + "@" + domain + ">";
        var sealed = link == null ? null : links.seal(link, tenant, id);
        var now = clock.instant();
        var message = new OutboxMessage(
                id,
                tenant,
                messageId,
                kind,
                recipient,
                subject,
                body,
                DeliveryState.QUEUED,
                0,
                now,
                null,
                null,
                now,
                null,
                sealed,
                extras == null ? null : extras.content().html(),
                extras == null ? null : extras.content().replyTo(),
                extras == null ? null : extras.request());
        store.insert(message);
        dispatcher.wakeAfterCommit();
        meters.counter("mailroom.mail.queued", "kind", kind.tag()).increment();
        return message;
    }
}
