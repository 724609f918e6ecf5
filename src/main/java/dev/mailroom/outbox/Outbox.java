package dev.mailroom.outbox;

import java.time.Clock;
import java.util.UUID;

import dev.mailroom.tenant.CurrentTenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues product mail for the current tenant. Only inside the transaction of the change that causes the
 * mail: if the change rolls back, so does the mail; if it commits, the mail will be sent (at least once).
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxDispatcher dispatcher;
    private final String messageIdDomain;

    Outbox(JdbcClient jdbc, Clock clock, OutboxDispatcher dispatcher,
           @Value("${mailroom.mail.ehlo-name:mailroom.invalid}") String messageIdDomain) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.messageIdDomain = messageIdDomain;
    }

    /** @return the stable Message-ID the message will carry, every time it is sent */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(MailKind kind, String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        String messageId = "<" + id + "@" + messageIdDomain + ">";
        var now = java.sql.Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into outbox_message (id, tenant_id, message_id, kind, recipient, subject, body, state,
                                            next_attempt_at, created_at)
                values (:id, :tenant, :messageId, :kind, :recipient, :subject, :body, 'QUEUED', :now, :now)""")
                .param("id", id).param("tenant", CurrentTenant.require()).param("messageId", messageId)
                .param("kind", kind.name()).param("recipient", recipient).param("subject", subject)
                .param("body", body).param("now", now).update();
        dispatcher.wakeAfterCommit();
        return messageId;
    }
}
