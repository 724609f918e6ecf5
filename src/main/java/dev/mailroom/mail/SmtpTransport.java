package dev.mailroom.mail;

import dev.mailroom.egress.Destination;
import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.egress.EgressRefusedException;
import dev.mailroom.oauth.TokenRequestFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way Mailroom opens an SMTP connection, for connection tests, test mail and the outbox alike: the
 * host is resolved once and checked against the egress policy; credentials never cross an unencrypted
 * connection outside the operator's plaintext networks; an OAuth 2.0 token is fetched (or reused); Angus does
 * greeting, TLS, EHLO and AUTH over the checked address; a server that offers no AUTH is never talked to
 * unauthenticated; and a cached token the server refuses is replaced once.
 */
@Component
public class SmtpTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);
    static final String PLAINTEXT_REFUSED = "not connected: credentials would cross an unencrypted connection";

    private final MailSessions sessions;
    private final OAuthTokens tokens;
    private final EgressPolicy egress;
    private final Clock clock;
    private final MailProperties properties;

    SmtpTransport(
            MailSessions sessions, OAuthTokens tokens, EgressPolicy egress, Clock clock, MailProperties properties) {
        this.properties = properties;
        this.sessions = sessions;
        this.tokens = tokens;
        this.egress = egress;
        this.clock = clock;
    }

    /** Opens an authenticated connection for sending; the caller closes it. */
    public SmtpConnection connect(SmtpTarget target) throws SmtpFailure {
        return connect(target, ConnectionObserver.NONE);
    }

    /** Drops the tenant's cached access token and mail sessions, e.g. because its settings changed. */
    public void forget(UUID tenant) {
        tokens.forget(tenant);
        sessions.forget(tenant);
    }

    /**
     * Everything from the name lookup to AUTH (and, for a test, to QUIT) shares one deadline and one read
     * allowance ({@link MailProperties#testDeadline()}); a delivery renews them for each message it sends.
     */
    SmtpConnection connect(SmtpTarget target, ConnectionObserver observer) throws SmtpFailure {
        var budget = properties.openingBudget();
        var destination = destination(target, observer);
        var lease = token(target, observer, budget);
        try {
            return open(target, destination, lease, observer, budget);
        } catch (SmtpFailure f) {
            if (!f.credentialsRefused() || lease == null || !lease.cached()) {
                throw f;
            }
            // A cached token the server no longer accepts (revoked, rotated): drop it and try once more.
            tokens.forget(target.tenantId());
            observer.retrying();
            return open(target, destination, token(target, observer, budget), observer, budget);
        }
    }

    private Destination destination(SmtpTarget target, ConnectionObserver observer) throws SmtpFailure {
        long started = System.nanoTime();
        Destination destination;
        try {
            destination = egress.check(target.host(), target.port(), EgressPolicy.Purpose.SMTP);
        } catch (UnknownHostException e) {
            throw SmtpFailure.unknownHost(since(started), String.valueOf(e.getMessage()));
        } catch (EgressRefusedException e) {
            log.warn("Egress policy refused a connection for tenant {}: {}", target.tenantId(), e.getMessage());
            throw SmtpFailure.refusedByPolicy();
        }
        observer.passed(
                StepKind.RESOLVE,
                since(started),
                destination.resolved().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
        if (target.security() == ConnectionSecurity.NONE
                && !(target.credentials() instanceof Credentials.None)
                && !egress.allowsPlaintextAuth(destination)) {
            // Decision 011: judged on the address actually connected to, which the settings' check cannot see.
            throw SmtpFailure.plaintextRefused(PLAINTEXT_REFUSED);
        }
        return destination;
    }

    private OAuthTokens.@Nullable Lease token(SmtpTarget target, ConnectionObserver observer, ServerBudget budget)
            throws SmtpFailure {
        if (!(target.credentials() instanceof Credentials.OAuth2 oauth)) {
            return null;
        }
        long started = System.nanoTime();
        try {
            var lease = tokens.token(target.tenantId(), oauth.client(), budget.remaining());
            var expiresAt = lease.token().expiresAt();
            var expiresIn = expiresAt == null
                    ? null
                    : Duration.between(clock.instant(), expiresAt).toSeconds();
            String how = lease.cached() ? "cached" : "obtained";
            observer.passed(
                    StepKind.TOKEN,
                    since(started),
                    expiresIn == null
                            ? StepDetail.of(how, "mail.detail.token." + how)
                            : StepDetail.of(
                                    how + ", expires in " + expiresIn + " s",
                                    "mail.detail.token." + how + "-expires",
                                    String.valueOf(expiresIn)));
            return lease;
        } catch (TokenRequestFailedException e) {
            String code = e.errorCode();
            boolean permanent = code.equals("invalid_client")
                    || code.equals("unauthorized_client")
                    || code.equals(TokenRequestFailedException.EGRESS_REFUSED);
            throw SmtpFailure.tokenRefused(
                    since(started), e.explanationKey(), String.valueOf(e.getMessage()), permanent, code);
        }
    }

    private SmtpConnection open(
            SmtpTarget target,
            Destination destination,
            OAuthTokens.@Nullable Lease lease,
            ConnectionObserver observer,
            ServerBudget budget)
            throws SmtpFailure {
        var connected = new AtomicReference<@Nullable Optional<Duration>>();
        var tls = new AtomicReference<@Nullable TlsObservation>();
        var transcript = observer.transcript();
        Session session = sessions.session(target, destination, transcript != null);
        var watch = MailSessions.watch(new MailSessions.Hooks(
                took -> connected.set(Optional.ofNullable(took)),
                socket -> tls.set(TlsObservation.watch(socket)),
                transcript,
                budget));
        String address = destination.address().getHostAddress();
        String peer = address + ":" + target.port();
        String username = target.credentials().username();
        String password = switch (target.credentials()) {
            case Credentials.Password p -> p.password().reveal();
            case Credentials.OAuth2 o -> lease == null ? null : lease.token().value();
            case Credentials.None n -> null;
        };
        if (transcript != null) {
            transcript.note("Mailroom: connecting to " + peer + " (" + target.host() + ", " + target.security() + ")");
        }
        SMTPTransport transport = null;
        boolean handedOver = false;
        try {
            transport = (SMTPTransport) session.getTransport(target.server().protocol());
            transport.connect(address, target.port(), username, password);
            long greeted = transcript == null ? 0 : transcript.elapsedMillis();
            if (observer.reports()) {
                ConnectionSteps.report(observer, connected, tls, transport, transcript, peer);
            }
            if (username != null) {
                if (!transport.supportsExtension("AUTH")) {
                    // Angus "connects" without authenticating when the server offers no AUTH: never accept that.
                    throw SmtpFailure.noAuthOffered();
                }
                if (transcript != null) {
                    var auth = TranscriptTimes.auth(transcript.lines(), greeted);
                    observer.passed(
                            StepKind.AUTH,
                            auth.took(),
                            StepDetail.of(
                                    auth.mechanism() + " as " + username,
                                    "mail.detail.auth",
                                    auth.mechanism(),
                                    username));
                }
            }
            // A test keeps the one deadline it began with; a delivery gets a fresh allowance for each message.
            var perMessage = observer.reports() ? null : properties;
            var connection =
                    new SmtpConnection(transport, session, target, sessions.ehloName(), watch, budget, perMessage);
            handedOver = true;
            return connection;
        } catch (MessagingException | RuntimeException e) {
            var tcp = connected.get();
            if (tcp == null) {
                throw SmtpFailure.noConnection(FailureExplanations.NO_CONNECTION);
            }
            var explained = FailureExplanations.explain(e, target.security(), target.port());
            // A step is reported once: passed, or failed.
            if (explained.step() != StepKind.TCP_CONNECT) {
                observer.passed(StepKind.TCP_CONNECT, tcp.orElse(null), peer);
            }
            var observed = tls.get();
            if (observed != null && observed.completed() && explained.step() != StepKind.TLS_HANDSHAKE) {
                observer.passed(StepKind.TLS_HANDSHAKE, observed.took(), observed.describe());
            }
            throw FailureExplanations.failure(e, explained);
        } finally {
            if (!handedOver) {
                if (transport != null) {
                    SmtpConnection.closeQuietly(transport);
                }
                watch.close();
            }
        }
    }

    static Duration since(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart);
    }
}
