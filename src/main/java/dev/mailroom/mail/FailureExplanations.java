package dev.mailroom.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong into the step it went wrong in and a plain-words explanation with a likely fix.
 * The texts match the messages Angus and the JDK really produce (STACK.md lists them verbatim).
 */
final class FailureExplanations {

    record Explained(StepKind step, String key, String detail) {}

    /** Refused, filtered and unreachable ports look alike to the admin, so the page cannot scan ports. */
    static final String NO_CONNECTION = "no connection (refused, filtered or unreachable)";

    private FailureExplanations() {}

    static Explained explain(Throwable failure, ConnectionSecurity security, int port) {
        String all = messages(failure);
        String detail = firstLine(failure);
        // First: a server cut off for its own conduct may also have broken TLS or a reply on the way out.
        var slow = find(failure, ServerBudget.TooSlowException.class);
        if (slow != null) {
            return new Explained(StepKind.EHLO, "mail.explain.too-slow", String.valueOf(slow.getMessage()));
        }
        var tooLong = find(failure, ServerBudget.TooLongException.class);
        if (tooLong != null) {
            return new Explained(StepKind.EHLO, "mail.explain.reply-too-long", String.valueOf(tooLong.getMessage()));
        }
        if (find(failure, UnknownHostException.class) != null) {
            return new Explained(StepKind.RESOLVE, "mail.explain.unknown-host", detail);
        }
        if (find(failure, SocketConnectException.class) != null
                || find(failure, ConnectException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return new Explained(StepKind.TCP_CONNECT, "mail.explain.no-connection", NO_CONNECTION);
        }
        if (all.contains("STARTTLS is required but host does not support STARTTLS")) {
            return new Explained(
                    StepKind.TLS_HANDSHAKE,
                    port == 465 ? "mail.explain.port-expects-ssl" : "mail.explain.no-starttls",
                    detail);
        }
        if (all.contains("Unsupported or unrecognized SSL message") || all.contains("plaintext connection")) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.plain-on-tls", detail);
        }
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.host-mismatch", detail);
        }
        if (all.contains("PKIX path")
                || find(failure, CertPathValidatorException.class) != null
                || all.contains("unable to find valid certification path")) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.untrusted", detail);
        }
        if (all.contains("protocol_version") || all.contains("No appropriate protocol")) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.tls-version", detail);
        }
        if (find(failure, SSLHandshakeException.class) != null || find(failure, CertificateException.class) != null) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.tls-failed", detail);
        }
        if (all.contains("535 5.7.139") || all.contains("SmtpClientAuthentication is disabled")) {
            return new Explained(StepKind.AUTH, "mail.explain.microsoft-smtp-auth-disabled", detail);
        }
        if (all.contains("530") && all.toLowerCase().contains("starttls")) {
            return new Explained(StepKind.AUTH, "mail.explain.tls-before-auth", detail);
        }
        if (all.contains("No authentication mechanisms supported by both server and client")) {
            return new Explained(StepKind.AUTH, "mail.explain.no-common-mechanism", detail);
        }
        if (find(failure, AuthenticationFailedException.class) != null) {
            return new Explained(StepKind.AUTH, "mail.explain.bad-credentials", detail);
        }
        if (find(failure, SocketTimeoutException.class) != null || all.contains("Read timed out")) {
            // A server that accepts TCP but never greets: typically an implicit-TLS port spoken to in plain text.
            // The connection itself worked, so the step that failed is the greeting (EHLO), not the connect.
            boolean expectsTls = port == 465 && security != ConnectionSecurity.SSL_TLS;
            return new Explained(
                    StepKind.EHLO, expectsTls ? "mail.explain.port-expects-ssl" : "mail.explain.timeout", detail);
        }
        if (find(failure, SSLException.class) != null) {
            return new Explained(StepKind.TLS_HANDSHAKE, "mail.explain.tls-failed", detail);
        }
        var refusedRecipient = find(failure, SMTPAddressFailedException.class);
        if (refusedRecipient != null) {
            // RCPT TO refused: the recipient, not the sender or the connection; the server's reply says why.
            return new Explained(
                    StepKind.SEND,
                    "mail.explain.recipient-refused",
                    String.valueOf(refusedRecipient.getMessage()).strip());
        }
        if (find(failure, SMTPSendFailedException.class) != null) {
            return new Explained(StepKind.SEND, "mail.explain.send-refused", detail);
        }
        if (failure instanceof MessagingException) {
            return new Explained(StepKind.EHLO, "mail.explain.protocol", detail);
        }
        return new Explained(StepKind.TCP_CONNECT, "mail.explain.unexpected", detail);
    }

    /**
     * The failure as a connection or a delivery sees it. Retrying later may fix a 4xx reply, a timeout or a lost
     * connection; not a 5xx reply, refused credentials or TLS trust.
     */
    static SmtpFailure failure(Throwable failure, ConnectionSecurity security, int port) {
        return failure(failure, explain(failure, security, port));
    }

    static SmtpFailure failure(Throwable failure, Explained explained) {
        Integer code = replyCode(failure);
        boolean permanent = code != null
                ? code >= 500
                : explained.step() == StepKind.AUTH || explained.step() == StepKind.TLS_HANDSHAKE;
        return new SmtpFailure(
                explained.step(),
                null,
                explained.key(),
                explained.detail(),
                permanent,
                explained.step() == StepKind.AUTH);
    }

    private static @Nullable Integer replyCode(Throwable failure) {
        var sendFailed = find(failure, SMTPSendFailedException.class);
        if (sendFailed != null && sendFailed.getReturnCode() > 0) {
            return sendFailed.getReturnCode();
        }
        var addressFailed = find(failure, SMTPAddressFailedException.class);
        if (addressFailed != null && addressFailed.getReturnCode() > 0) {
            return addressFailed.getReturnCode();
        }
        return find(failure, AuthenticationFailedException.class) != null ? 535 : null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    static String messages(Throwable t) {
        var all = new StringBuilder();
        for (Throwable c = t; c != null; c = next(c)) {
            all.append(c.getClass().getSimpleName())
                    .append(": ")
                    .append(c.getMessage())
                    .append('\n');
        }
        return all.toString();
    }

    private static String firstLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        int nl = message.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl));
    }
}
