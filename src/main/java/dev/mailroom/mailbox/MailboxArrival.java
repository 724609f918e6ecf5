package dev.mailroom.mailbox;

import dev.mailroom.users.UserAddresses;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One message transaction at the demo mailbox: recipients are checked as they come (RCPT TO: people of any
 * tenant, others get 550), and the message is filed once per recipient, under one tenant of the recipient's.
 */
final class MailboxArrival implements MessageHandler {

    /** Who signed in on a session, and how; SubEthaSMTP does not say which mechanism was used. */
    record SignIn(String mechanism, String username) {}

    private final MessageContext context;
    private final MailboxStore store;
    private final UserAddresses addresses;
    private final Function<String, @Nullable SignIn> signIns;
    private final int keep;
    private String from = "";
    private final List<String> recipients = new ArrayList<>();
    private final List<List<UUID>> tenants = new ArrayList<>();
    private final Function<String, java.util.Optional<UUID>> senders;

    MailboxArrival(
            MessageContext context,
            MailboxStore store,
            UserAddresses addresses,
            Function<String, @Nullable SignIn> signIns,
            Function<String, java.util.Optional<UUID>> senders,
            int keep) {
        this.senders = senders;
        this.context = context;
        this.store = store;
        this.addresses = addresses;
        this.signIns = signIns;
        this.keep = keep;
    }

    @Override
    public void from(String from) {
        this.from = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        var ofRecipient = addresses.tenantsOf(recipient);
        if (ofRecipient.isEmpty()) {
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such user in this demo");
        }
        recipients.add(recipient);
        tenants.add(ofRecipient);
    }

    @Override
    public @Nullable String data(InputStream data) throws IOException {
        byte[] raw = data.readAllBytes();
        var headers = Headers.of(raw);
        var signIn = signIns.apply(context.getSessionId());
        String protocol = context instanceof org.subethamail.smtp.server.Session session
                        && session.getSocket() instanceof SSLSocket ssl
                ? ssl.getSession().getProtocol()
                : null;
        var sender =
                headers.messageId() == null ? java.util.Optional.<UUID>empty() : senders.apply(headers.messageId());
        for (int i = 0; i < recipients.size(); i++) {
            store.file(
                    tenantFor(tenants.get(i), sender),
                    new MailboxStore.Arrival(
                            from,
                            recipients.get(i),
                            headers.from(),
                            headers.subject(),
                            headers.messageId(),
                            signIn == null ? null : signIn.mechanism(),
                            signIn == null ? null : signIn.username(),
                            protocol,
                            raw),
                    keep);
        }
        return null;
    }

    @Override
    public void done() {}

    /**
     * A person in several tenants: the mail is filed with the tenant that queued it, or (a test email, which is not
     * queued) the one they used last, never with every tenant they belong to.
     */
    private static UUID tenantFor(List<UUID> ofRecipient, java.util.Optional<UUID> sender) {
        return sender.filter(ofRecipient::contains).orElse(ofRecipient.getFirst());
    }

    /** The headers a listing shows, read leniently: a demo files whatever arrived. */
    private record Headers(
            @Nullable String from,
            @Nullable String subject,
            @Nullable String messageId) {
        static Headers of(byte[] raw) {
            try {
                var message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
                var senders = message.getFrom();
                String from = senders == null || senders.length == 0
                        ? null
                        : senders[0] instanceof jakarta.mail.internet.InternetAddress a
                                ? a.toUnicodeString()
                                : senders[0].toString();
                return new Headers(from, message.getSubject(), message.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                return new Headers(null, null, null);
            }
        }
    }
}
