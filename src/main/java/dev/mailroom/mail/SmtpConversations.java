package dev.mailroom.mail;

import dev.mailroom.egress.Destination;
import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.egress.EgressRefusedException;
import dev.mailroom.oauth.TokenRequestFailedException;
import dev.mailroom.smtp.SmtpTarget;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way Mailroom talks SMTP: connection tests, test mail and (later) product mail all come here.
 * A conversation resolves the host once and checks it against the egress policy, connects to the checked
 * address, gets a token for OAuth 2.0, lets Angus do greeting, TLS, EHLO and AUTH over that address,
 * optionally sends, and quits; every step is reported with its time, and a failure with a plain-words
 * explanation.
 */
@Component
public class SmtpConversations {

    private static final Logger log = LoggerFactory.getLogger(SmtpConversations.class);
    private static final String PLAINTEXT_REFUSED = "not connected: credentials would cross an unencrypted connection";

    private final MailSessions sessions;
    private final OAuthTokens tokens;
    private final EgressPolicy egress;

    SmtpConversations(MailSessions sessions, OAuthTokens tokens, EgressPolicy egress) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.egress = egress;
    }

    public ConversationReport test(SmtpTarget target) {
        return run(target, null);
    }

    public ConversationReport send(SmtpTarget target, OutgoingMail mail) {
        return run(target, mail);
    }

    private ConversationReport run(SmtpTarget target, @Nullable OutgoingMail mail) {
        var steps = new ArrayList<ConversationStep>();
        var transcript = new Transcript(secretsOf(target));

        long started = System.nanoTime();
        Destination destination;
        try {
            destination = egress.check(target.host(), target.port(), EgressPolicy.Purpose.SMTP);
            steps.add(ConversationStep.ok(
                    StepKind.RESOLVE,
                    since(started),
                    destination.resolved().stream()
                            .map(InetAddress::getHostAddress)
                            .collect(Collectors.joining(", "))));
        } catch (UnknownHostException e) {
            steps.add(ConversationStep.failed(
                    StepKind.RESOLVE, since(started), String.valueOf(e.getMessage()), "mail.explain.unknown-host"));
            return new ConversationReport(steps, transcript.render());
        } catch (EgressRefusedException e) {
            log.warn("Egress policy refused a connection for tenant {}: {}", target.tenantId(), e.getMessage());
            // Neither the rule nor the addresses are shown: the answer must not map what lies behind a name.
            steps.add(ConversationStep.failed(
                    StepKind.RESOLVE, null, "refused by policy", "mail.explain.egress-refused"));
            return new ConversationReport(steps, transcript.render());
        }
        if (wouldSendCredentialsInClear(target, destination)) {
            steps.add(ConversationStep.failed(StepKind.AUTH, null, PLAINTEXT_REFUSED, "mail.explain.plaintext-auth"));
            return new ConversationReport(steps, transcript.render());
        }

        String password = null;
        boolean tokenFromCache = false;
        if (target.credentials() instanceof SmtpTarget.Password pw) {
            password = pw.password();
        } else if (target.credentials() instanceof SmtpTarget.OAuth2 oauth) {
            var lease = token(target.tenantId(), oauth, steps);
            if (lease == null) {
                return new ConversationReport(steps, transcript.render());
            }
            password = lease.token().value();
            tokenFromCache = lease.cached();
        }

        boolean authFailed = smtp(target, destination, password, mail, transcript, steps);
        if (authFailed && tokenFromCache && target.credentials() instanceof SmtpTarget.OAuth2 oauth) {
            // A cached token the server no longer accepts (revoked, rotated): drop it and try once more.
            tokens.forget(target.tenantId());
            steps.removeIf(s -> s.kind() != StepKind.RESOLVE);
            transcript.note("Mailroom: the server refused the cached token; fetching a new one");
            var lease = token(target.tenantId(), oauth, steps);
            if (lease != null) {
                smtp(target, destination, lease.token().value(), mail, transcript, steps);
            }
        }
        return new ConversationReport(steps, transcript.render());
    }

    /**
     * Product mail: sends a batch of one tenant's messages over one connection, in order, without the
     * connection test's extra TCP probe or transcript. A failure before the first message (policy, token,
     * connect, TLS, AUTH) is every message's outcome; a refused message does not stop the others.
     * {@code onSent} hears of each accepted message (with its index) as soon as the server said 250, before
     * the next one is sent: the caller records it then, so a crash later in the batch cannot send it again.
     */
    public List<DeliveryOutcome> deliver(
            SmtpTarget target, List<OutgoingMail> mails, ObjIntConsumer<DeliveryOutcome.Sent> onSent) {
        Destination destination;
        try {
            destination = egress.check(target.host(), target.port(), EgressPolicy.Purpose.SMTP);
        } catch (UnknownHostException e) {
            return all(
                    mails,
                    new DeliveryOutcome.Failed(false, "mail.explain.unknown-host", String.valueOf(e.getMessage())));
        } catch (EgressRefusedException e) {
            log.warn("Egress policy refused delivery for tenant {}: {}", target.tenantId(), e.getMessage());
            return all(mails, new DeliveryOutcome.Failed(true, "mail.explain.egress-refused", "refused by policy"));
        }
        if (wouldSendCredentialsInClear(target, destination)) {
            return all(mails, new DeliveryOutcome.Failed(true, "mail.explain.plaintext-auth", PLAINTEXT_REFUSED));
        }
        String password = null;
        boolean tokenFromCache = false;
        if (target.credentials() instanceof SmtpTarget.Password pw) {
            password = pw.password();
        } else if (target.credentials() instanceof SmtpTarget.OAuth2 oauth) {
            try {
                var lease = tokens.token(target.tenantId(), oauth.client());
                password = lease.token().value();
                tokenFromCache = lease.cached();
            } catch (TokenRequestFailedException e) {
                boolean permanent = e.errorCode().equals("invalid_client")
                        || e.errorCode().equals("unauthorized_client")
                        || e.errorCode().equals(TokenRequestFailedException.EGRESS_REFUSED);
                return all(mails, new DeliveryOutcome.Failed(permanent, "status.reason.oauth-token", e.errorCode()));
            }
        }
        var outcomes = deliverOnce(target, destination, password, mails, onSent);
        if (tokenFromCache
                && target.credentials() instanceof SmtpTarget.OAuth2 oauth
                && outcomes.getFirst() instanceof DeliveryOutcome.Failed f
                && f.explanationKey().equals("mail.explain.bad-credentials")) {
            tokens.forget(target.tenantId());
            try {
                outcomes = deliverOnce(
                        target,
                        destination,
                        tokens.token(target.tenantId(), oauth.client()).token().value(),
                        mails,
                        onSent);
            } catch (TokenRequestFailedException e) {
                return all(mails, new DeliveryOutcome.Failed(false, "status.reason.oauth-token", e.errorCode()));
            }
        }
        return outcomes;
    }

    private List<DeliveryOutcome> deliverOnce(
            SmtpTarget target,
            Destination destination,
            @Nullable String password,
            List<OutgoingMail> mails,
            ObjIntConsumer<DeliveryOutcome.Sent> onSent) {
        Session session = sessions.create(target, destination, null, took -> {}, socket -> {});
        String username = usernameOf(target);
        var outcomes = new ArrayList<DeliveryOutcome>();
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport(MailSessions.protocol(target));
            transport.connect(destination.address().getHostAddress(), target.port(), username, password);
            if (username != null && !transport.supportsExtension("AUTH")) {
                return all(
                        mails,
                        new DeliveryOutcome.Failed(true, "mail.explain.no-auth-offered", "no AUTH in the EHLO reply"));
            }
            for (var mail : mails) {
                if (!transport.isConnected()) {
                    outcomes.add(new DeliveryOutcome.Failed(false, "mail.explain.no-connection", "connection lost"));
                    continue;
                }
                try {
                    var message = message(session, target, mail);
                    transport.sendMessage(message, message.getAllRecipients());
                    var sent = new DeliveryOutcome.Sent(
                            String.valueOf(transport.getLastServerResponse()).strip());
                    outcomes.add(sent);
                    onSent.accept(sent, outcomes.size() - 1);
                } catch (MessagingException e) {
                    outcomes.add(refused(e, target));
                }
            }
            return outcomes;
        } catch (MessagingException | RuntimeException e) {
            var failed = refused(e, target);
            while (outcomes.size() < mails.size()) {
                outcomes.add(failed);
            }
            return outcomes;
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // The outcomes are decided; QUIT is a courtesy.
                }
            }
        }
    }

    /** Retry what a later attempt may fix (4xx, timeouts, no connection); not 5xx, AUTH or TLS trust. */
    private static DeliveryOutcome.Failed refused(Exception e, SmtpTarget target) {
        var explained = FailureExplanations.explain(e, target.security(), target.port());
        Integer code = replyCode(e);
        boolean permanent = code != null
                ? code >= 500
                : switch (explained.step()) {
                    case AUTH, TLS_HANDSHAKE -> true;
                    default -> false;
                };
        return new DeliveryOutcome.Failed(permanent, explained.key(), explained.detail());
    }

    private static @Nullable Integer replyCode(Throwable e) {
        for (Throwable t = e;
                t != null;
                t = t instanceof MessagingException m && m.getNextException() != null
                        ? m.getNextException()
                        : t.getCause()) {
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException s && s.getReturnCode() > 0) {
                return s.getReturnCode();
            }
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException a && a.getReturnCode() > 0) {
                return a.getReturnCode();
            }
            if (t instanceof AuthenticationFailedException) {
                return 535;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return null;
    }

    /**
     * Credentials over security "None" go only to the operator's plaintext-authentication networks (decision
     * 011), judged on the address actually connected to; the settings' own check at Save cannot see that.
     */
    private boolean wouldSendCredentialsInClear(SmtpTarget target, Destination destination) {
        return target.security() == dev.mailroom.smtp.ConnectionSecurity.NONE
                && !(target.credentials() instanceof SmtpTarget.NoCredentials)
                && !egress.allowsPlaintextAuth(destination);
    }

    private static @Nullable String usernameOf(SmtpTarget target) {
        return switch (target.credentials()) {
            case SmtpTarget.Password pw -> pw.username();
            case SmtpTarget.OAuth2 o -> o.username();
            case SmtpTarget.NoCredentials n -> null;
        };
    }

    private static List<DeliveryOutcome> all(List<OutgoingMail> mails, DeliveryOutcome outcome) {
        return mails.stream().map(m -> outcome).toList();
    }

    private OAuthTokens.@Nullable Lease token(UUID tenant, SmtpTarget.OAuth2 oauth, List<ConversationStep> steps) {
        long started = System.nanoTime();
        try {
            var lease = tokens.token(tenant, oauth.client());
            var expiresIn = lease.token().expiresAt() == null
                    ? null
                    : Duration.between(Instant.now(), lease.token().expiresAt()).toSeconds();
            steps.add(ConversationStep.ok(
                    StepKind.TOKEN,
                    since(started),
                    (lease.cached() ? "cached" : "obtained")
                            + (expiresIn == null ? "" : ", expires in " + expiresIn + " s")));
            return lease;
        } catch (TokenRequestFailedException e) {
            steps.add(ConversationStep.failed(
                    StepKind.TOKEN, since(started), String.valueOf(e.getMessage()), e.explanationKey(), e.errorCode()));
            return null;
        }
    }

    /** The SMTP session proper. Returns true when it failed at AUTH (the caller may retry with a fresh token). */
    private boolean smtp(
            SmtpTarget target,
            Destination destination,
            @Nullable String password,
            @Nullable OutgoingMail mail,
            Transcript transcript,
            List<ConversationStep> steps) {
        var connected = new AtomicReference<Optional<Duration>>();
        var tls = new AtomicReference<TlsObservation>();
        Session session = sessions.create(
                target,
                destination,
                transcript,
                took -> connected.set(Optional.ofNullable(took)),
                socket -> tls.set(TlsObservation.watch(socket)));
        String peer = destination.address().getHostAddress() + ":" + target.port();
        String username = usernameOf(target);
        transcript.note("Mailroom: connecting to " + peer + " (" + target.host() + ", " + target.security() + ")");
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport(MailSessions.protocol(target));
            transport.connect(destination.address().getHostAddress(), target.port(), username, password);
            long greeted = transcript.elapsedMillis();
            steps.add(ConversationStep.ok(StepKind.TCP_CONNECT, connected.get().orElse(null), peer));
            var observed = tls.get();
            if (observed != null) {
                steps.add(ConversationStep.ok(StepKind.TLS_HANDSHAKE, observed.took(), observed.describe()));
            }
            var ehlo = TranscriptTimes.lastEhlo(transcript.lines());
            steps.add(ConversationStep.ok(StepKind.EHLO, ehlo, capabilities(transport)));
            if (username != null) {
                if (!transport.supportsExtension("AUTH")) {
                    // Angus "connects" without authenticating when the server offers no AUTH: never accept that.
                    steps.add(ConversationStep.failed(
                            StepKind.AUTH, null, "no AUTH in the EHLO reply", "mail.explain.no-auth-offered"));
                    return false;
                }
                var auth = TranscriptTimes.auth(transcript.lines(), greeted);
                steps.add(ConversationStep.ok(StepKind.AUTH, auth.took(), auth.mechanism() + " as " + username));
            }
            if (mail != null) {
                long sendStart = System.nanoTime();
                var message = message(session, target, mail);
                transport.sendMessage(message, message.getAllRecipients());
                steps.add(ConversationStep.ok(
                        StepKind.SEND,
                        since(sendStart),
                        String.valueOf(transport.getLastServerResponse()).strip()));
            }
            long quitStart = System.nanoTime();
            transport.close();
            transport = null;
            steps.add(ConversationStep.ok(StepKind.QUIT, since(quitStart), ""));
            return false;
        } catch (MessagingException | RuntimeException e) {
            if (connected.get() == null) {
                // One wording (and no time) for refused, filtered and unreachable alike: a port scan learns nothing.
                steps.add(ConversationStep.failed(
                        StepKind.TCP_CONNECT, null, FailureExplanations.NO_CONNECTION, "mail.explain.no-connection"));
                return false;
            }
            var explained = FailureExplanations.explain(e, target.security(), target.port());
            // A step is reported once: passed, or failed.
            if (explained.step() != StepKind.TCP_CONNECT) {
                steps.add(ConversationStep.ok(
                        StepKind.TCP_CONNECT, connected.get().orElse(null), peer));
            }
            var observed = tls.get();
            if (observed != null && observed.completed() && explained.step() != StepKind.TLS_HANDSHAKE) {
                steps.add(ConversationStep.ok(StepKind.TLS_HANDSHAKE, observed.took(), observed.describe()));
            }
            steps.add(ConversationStep.failed(explained.step(), null, explained.detail(), explained.key()));
            return e instanceof AuthenticationFailedException || explained.step() == StepKind.AUTH;
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // Already failing; the report says why.
                }
            }
        }
    }

    private static String capabilities(SMTPTransport transport) {
        var found = new ArrayList<String>();
        String auth = transport.getExtensionParameter("AUTH");
        found.add(auth == null ? "no AUTH" : "AUTH " + auth.strip());
        for (String ext : new String[] {"STARTTLS", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING"}) {
            if (transport.supportsExtension(ext)) {
                String param = transport.getExtensionParameter(ext);
                found.add(param == null || param.isBlank() ? ext : ext + " " + param.strip());
            }
        }
        return String.join(", ", found);
    }

    private MimeMessage message(Session session, SmtpTarget target, OutgoingMail mail) throws MessagingException {
        String messageId = mail.messageId() != null
                ? mail.messageId()
                : "<" + UUID.randomUUID() + "@"
                        + SenderHeaders.messageIdDomain(target.senderAddress(), sessions.ehloName()) + ">";
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(SenderHeaders.from(target.senderAddress(), target.senderName()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    private static List<String> secretsOf(SmtpTarget target) {
        return switch (target.credentials()) {
            case SmtpTarget.Password pw -> List.of(pw.password());
            case SmtpTarget.OAuth2 o -> List.of(o.client().clientSecret());
            case SmtpTarget.NoCredentials n -> List.of();
        };
    }

    private static Duration since(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart);
    }

    /** What the TLS handshake negotiated, seen through the socket factory. */
    record TlsObservation(SSLSocket socket, long createdNanos, AtomicReference<Long> completedNanos) {
        static TlsObservation watch(SSLSocket socket) {
            var observation = new TlsObservation(socket, System.nanoTime(), new AtomicReference<>());
            socket.addHandshakeCompletedListener(
                    e -> observation.completedNanos().set(System.nanoTime()));
            return observation;
        }

        boolean completed() {
            return completedNanos.get() != null;
        }

        @Nullable
        Duration took() {
            Long done = completedNanos.get();
            return done == null ? null : Duration.ofNanos(done - createdNanos);
        }

        String describe() {
            var s = socket.getSession();
            String detail = s.getProtocol() + ", " + s.getCipherSuite();
            try {
                if (s.getPeerCertificates()[0] instanceof java.security.cert.X509Certificate cert) {
                    detail += ", certificate " + cert.getSubjectX500Principal().getName() + ", valid until "
                            + cert.getNotAfter().toInstant() + ", host name verified";
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                detail += ", no peer certificate";
            }
            return detail;
        }
    }
}
