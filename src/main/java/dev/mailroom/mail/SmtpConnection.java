package dev.mailroom.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * An open, authenticated SMTP connection from {@link SmtpTransport}: send mail over it, then close it, on the
 * thread that opened it (its transcript and socket hooks are that thread's: {@link MailSessions}).
 */
public final class SmtpConnection implements AutoCloseable {

    private final SMTPTransport transport;
    private final Session session;
    private final SmtpTarget target;
    private final String ehloName;
    private final MailSessions.Watch watch;
    private final ServerBudget budget;
    private final @Nullable MailProperties perMessage;

    /** @param perMessage the limits each message is sent within, or null to keep the conversation's */
    SmtpConnection(
            SMTPTransport transport,
            Session session,
            SmtpTarget target,
            String ehloName,
            MailSessions.Watch watch,
            ServerBudget budget,
            @Nullable MailProperties perMessage) {
        this.budget = budget;
        this.perMessage = perMessage;
        this.transport = transport;
        this.session = session;
        this.target = target;
        this.ehloName = ehloName;
        this.watch = watch;
    }

    public boolean isConnected() {
        return transport.isConnected();
    }

    /**
     * Sends one message from the target's sender and returns the server's reply (e.g. "250 2.0.0 Ok: queued").
     *
     * @throws MessagingException the server refused it, or the connection broke
     */
    public String send(OutgoingMail mail) throws MessagingException {
        var message = message(mail);
        if (perMessage != null) {
            budget.renew(
                    perMessage.messageDeadline(), perMessage.maxReplyBytes().toBytes());
        }
        transport.sendMessage(message, message.getAllRecipients());
        return String.valueOf(transport.getLastServerResponse()).strip();
    }

    /** Says QUIT and waits for the reply (a connection test reports it as a step). */
    void quit() throws MessagingException {
        transport.close();
    }

    /** Says QUIT if still connected; the outcome of what was sent is decided already. */
    @Override
    public void close() {
        try {
            closeQuietly(transport);
        } finally {
            watch.close();
        }
    }

    static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // QUIT is a courtesy.
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MessagingException {
        var sender = target.sender();
        String messageId = mail.messageId() != null
                ? mail.messageId()
                : "<" + UUID.randomUUID() + "@" + SenderHeaders.messageIdDomain(sender.address(), ehloName) + ">";
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(SenderHeaders.from(sender.address(), sender.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.replyTo() != null) {
            message.setReplyTo(new jakarta.mail.Address[] {new InternetAddress(mail.replyTo(), true)});
        }
        if (mail.html() == null) {
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
        } else {
            // Plain text first, HTML last: a reader shows the last part it can (RFC 2046 §5.1.4).
            var text = new jakarta.mail.internet.MimeBodyPart();
            text.setText(mail.body(), StandardCharsets.UTF_8.name());
            var html = new jakarta.mail.internet.MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new jakarta.mail.internet.MimeMultipart("alternative", text, html));
        }
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }
}
