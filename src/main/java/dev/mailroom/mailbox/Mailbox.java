package dev.mailroom.mailbox;

import dev.mailroom.tenant.CurrentTenant;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the demo mailbox received for the signed-in admin's tenant. Exists in demo mode only. */
@Service
@PreAuthorize("hasRole('ADMIN')")
@ConditionalOnBooleanProperty("mailroom.demo.enabled")
public class Mailbox {

    private final MailboxStore store;
    private final DemoMailboxServer server;

    Mailbox(MailboxStore store, DemoMailboxServer server) {
        this.store = store;
        this.server = server;
    }

    @Transactional(readOnly = true)
    public List<MailboxEntry> recent(int limit) {
        return store.recent(CurrentTenant.require(), limit);
    }

    /** Empty for a message that is not this tenant's (or no longer kept). */
    @Transactional(readOnly = true)
    public Optional<MailboxLetter> open(UUID id) {
        return store.find(CurrentTenant.require(), id).map(stored -> read(stored.entry(), stored.raw()));
    }

    public DemoMailboxAccess access() {
        return server.access();
    }

    private static MailboxLetter read(MailboxEntry entry, byte[] raw) {
        String source = new String(raw, StandardCharsets.UTF_8);
        int end = source.indexOf("\r\n\r\n");
        String headers = end < 0 ? source : source.substring(0, end);
        String text;
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            text = textOf(message);
            if (text == null) {
                text = end < 0 ? "" : source.substring(end + 4);
            }
        } catch (MessagingException | IOException e) {
            text = end < 0 ? "" : source.substring(end + 4);
        }
        return new MailboxLetter(entry, headers, text);
    }

    /** The first text part, plain preferred; HTML comes back as its source. */
    private static @Nullable String textOf(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            return part.getContent() instanceof String s ? s : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                var body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return textOf(body);
                }
                if (html == null) {
                    html = textOf(body);
                }
            }
            return html;
        }
        return null;
    }
}
