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
 * One message transaction at the demo mailbox: recipients are checked as they come (RCPT TO: users of any
 * tenant, others get 550), and the message is filed once per recipient, under the recipient's tenant.
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
    private final List<UUID> tenants = new ArrayList<>();

    MailboxArrival(
            MessageContext context,
            MailboxStore store,
            UserAddresses addresses,
            Function<String, @Nullable SignIn> signIns,
            int keep) {
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
        var tenant = addresses
                .tenantOf(recipient)
                .orElseThrow(() -> new RejectException(550, "5.1.1 <" + recipient + ">: no such user in this demo"));
        recipients.add(recipient);
        tenants.add(tenant);
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
        for (int i = 0; i < recipients.size(); i++) {
            store.file(
                    tenants.get(i),
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
