package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** What went wrong, in which step, and whether a later attempt may fix it: from the exceptions Angus throws. */
class FailureExplanationsTest {

    static SmtpFailure failure(Exception e, ConnectionSecurity security, int port) {
        return FailureExplanations.failure(e, security, port);
    }

    @Test
    void anUnknownHostFailsTheLookupAndMayWorkLater() {
        var f = failure(
                new MessagingException("Unknown SMTP host", new UnknownHostException("smtp.nowhere.test")),
                ConnectionSecurity.STARTTLS,
                587);
        assertThat(f.step()).isEqualTo(StepKind.RESOLVE);
        assertThat(f.explanationKey()).isEqualTo("mail.explain.unknown-host");
        assertThat(f.permanent()).isFalse();
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeForGood() {
        var f = failure(
                new MessagingException(
                        "Could not convert socket to TLS",
                        new SSLHandshakeException(
                                "PKIX path building failed: unable to find valid certification path")),
                ConnectionSecurity.STARTTLS,
                587);
        assertThat(f.step()).isEqualTo(StepKind.TLS_HANDSHAKE);
        assertThat(f.explanationKey()).isEqualTo("mail.explain.untrusted");
        assertThat(f.permanent()).isTrue();
    }

    @Test
    void refusedCredentialsArePermanentAndWorthOneFreshToken() {
        var f = failure(
                new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"),
                ConnectionSecurity.SSL_TLS,
                465);
        assertThat(f.step()).isEqualTo(StepKind.AUTH);
        assertThat(f.explanationKey()).isEqualTo("mail.explain.bad-credentials");
        assertThat(f.permanent()).isTrue();
        assertThat(f.credentialsRefused()).isTrue();
    }

    @Test
    void aTemporaryRefusalIsRetriedAndAPermanentOneIsNot() {
        var later = failure(
                new SMTPSendFailedException("DATA", 451, "451 4.3.0 Try again later", null, null, null, null),
                ConnectionSecurity.STARTTLS,
                587);
        var never = failure(
                new SMTPSendFailedException("DATA", 554, "554 5.7.1 Rejected", null, null, null, null),
                ConnectionSecurity.STARTTLS,
                587);
        assertThat(later.step()).isEqualTo(StepKind.SEND);
        assertThat(later.permanent()).isFalse();
        assertThat(never.permanent()).isTrue();
    }

    @Test
    void aServerThatNeverGreetsFailsTheGreetingAndPort465IsNamedAsImplicitTls() {
        var timeout =
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));
        var on465 = failure(timeout, ConnectionSecurity.STARTTLS, 465);
        assertThat(on465.step()).isEqualTo(StepKind.EHLO);
        assertThat(on465.explanationKey()).isEqualTo("mail.explain.port-expects-ssl");
        assertThat(on465.permanent()).isFalse();
        assertThat(failure(timeout, ConnectionSecurity.STARTTLS, 587).explanationKey())
                .isEqualTo("mail.explain.timeout");
    }
}
