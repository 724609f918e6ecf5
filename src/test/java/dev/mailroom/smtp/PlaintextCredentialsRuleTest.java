package dev.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.egress.EgressProperties;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With no plaintext-authentication network configured (the default), a password or token over security
 * "None" is refused at once, beside the security field; the default mail service's configuration likewise
 * stops the start.
 */
class PlaintextCredentialsRuleTest {

    final EgressPolicy defaults = EgressPolicy.of(EgressProperties.strict(), host -> new InetAddress[0]);
    final EgressPolicy relayAllowed = EgressPolicy.of(
            new EgressProperties(
                    List.of(25), List.of(443), List.of("10.20.0.5/32"), List.of(), false, List.of("10.20.0.5/32")),
            host -> new InetAddress[0]);

    static SmtpSettingsDraft.Builder draft(ConnectionSecurity security, AuthType auth) {
        return SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .security(security)
                .senderAddress("noreply@example.com")
                .authType(auth)
                .username("mailer")
                .newPassword("s3cret-password")
                .oauthProvider(OAuthProvider.OTHER)
                .oauthTokenUrl("https://login.example.com/token")
                .oauthClientId("client")
                .oauthScope("smtp")
                .newClientSecret("client-secret");
    }

    @Test
    void credentialsOverSecurityNoneAreRefusedBesideTheSecurityField() {
        var validator = new SmtpSettingsValidator(
                new dev.mailroom.oauth.OAuthProperties(
                        "https://login.microsoftonline.com/", java.time.Duration.ofSeconds(10), false),
                defaults);
        for (var auth : List.of(AuthType.BASIC, AuthType.OAUTH2)) {
            var e = catchThrowableOfType(
                    InvalidSmtpSettingsException.class,
                    () -> validator.validate(
                            draft(ConnectionSecurity.NONE, auth).build(), null, Instant.now()));
            assertThat(e).as(auth.name()).isNotNull();
            assertThat(e.problems()).containsExactly(FieldProblem.of(SmtpField.SECURITY, "smtp.error.plaintext-auth"));
        }
        assertThat(validator
                        .validate(draft(ConnectionSecurity.NONE, AuthType.NONE).build(), null, Instant.now())
                        .settings()
                        .security())
                .isEqualTo(ConnectionSecurity.NONE);
        assertThat(validator
                        .validate(
                                draft(ConnectionSecurity.STARTTLS, AuthType.BASIC)
                                        .build(),
                                null,
                                Instant.now())
                        .settings()
                        .authType())
                .isEqualTo(AuthType.BASIC);
    }

    @Test
    void whereTheOperatorAllowsAPrivateRelayTheAddressIsJudgedWhenConnecting() {
        var validator = new SmtpSettingsValidator(
                new dev.mailroom.oauth.OAuthProperties(
                        "https://login.microsoftonline.com/", java.time.Duration.ofSeconds(10), false),
                relayAllowed);
        assertThat(validator
                        .validate(draft(ConnectionSecurity.NONE, AuthType.BASIC).build(), null, Instant.now())
                        .settings()
                        .security())
                .isEqualTo(ConnectionSecurity.NONE);
    }

    @Test
    void aDefaultMailServiceWithCredentialsOverSecurityNoneDoesNotStart() {
        var plaintext = new DefaultMailServiceProperties(
                "relay.example.com",
                25,
                ConnectionSecurity.NONE,
                TlsVersion.TLS_1_2,
                null,
                "Mailroom",
                "noreply@example.com",
                "relay-user",
                "relay-password",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> plaintext.requireNoPlaintextCredentials(defaults))
                .isInstanceOf(dev.mailroom.config.MisconfigurationException.class)
                .hasMessageContaining("security is NONE")
                .hasMessageNotContaining("relay-password")
                .satisfies(e -> assertThat(((dev.mailroom.config.MisconfigurationException) e).action())
                        .contains("MAILROOM_DEFAULT_MAIL_SECURITY", "MAILROOM_EGRESS_PLAINTEXT_AUTH_NETWORKS"));
        plaintext.requireNoPlaintextCredentials(relayAllowed);
        new DefaultMailServiceProperties(
                        "relay.example.com",
                        25,
                        ConnectionSecurity.NONE,
                        TlsVersion.TLS_1_2,
                        null,
                        "Mailroom",
                        "noreply@example.com",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)
                .requireNoPlaintextCredentials(defaults);
    }
}
