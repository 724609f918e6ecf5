package dev.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.egress.EgressProperties;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.oauth.OAuthProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a draft must pass, without Spring, a database or a network. */
class SmtpSettingsValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final SmtpSettingsValidator validator = new SmtpSettingsValidator(
            new OAuthProperties("https://login.microsoftonline.com/", Duration.ofSeconds(10), false),
            EgressPolicy.of(EgressProperties.strict(), host -> new InetAddress[0]));

    static SmtpSettingsDraft.Builder basic() {
        return SmtpSettingsDraft.builder()
                .host("  SMTP.Example.COM ")
                .security(ConnectionSecurity.STARTTLS)
                .senderAddress("noreply@Example.COM")
                .authType(AuthType.BASIC)
                .username("mailer")
                .newPassword("s3cret-password");
    }

    /** The stored row these settings would have, with a password, as Save writes it. */
    static SmtpSettingsRow stored(ValidSettings v) {
        return SmtpSettingsRow.custom(java.util.UUID.randomUUID(), v, new byte[] {1}, "k", NOW, "Ann", 1L);
    }

    List<FieldProblem> problems(SmtpSettingsDraft draft, SmtpSettingsRow stored) {
        var e = catchThrowableOfType(InvalidSmtpSettingsException.class, () -> validator.validate(draft, stored, NOW));
        return e == null ? List.of() : e.problems();
    }

    @Test
    void aValidDraftComesOutInNormalFormWithTheModesUsualPort() {
        var v = validator.validate(basic().build(), null, NOW).settings();
        assertThat(v.host()).isEqualTo("smtp.example.com");
        assertThat(v.port()).isEqualTo(587);
        assertThat(v.senderAddress()).isEqualTo("noreply@example.com");
        assertThat(validator
                        .validate(basic().security(ConnectionSecurity.SSL_TLS).build(), null, NOW)
                        .settings()
                        .port())
                .isEqualTo(465);
    }

    @Test
    void eachBadFieldIsNamedWithItsOwnReason() {
        var e = catchThrowableOfType(
                InvalidSmtpSettingsException.class,
                () -> validator.validate(
                        basic().host("https://smtp.example.com")
                                .port(70000)
                                .senderAddress("a@b, c@d")
                                .newPassword("short")
                                .build(),
                        null,
                        NOW));
        assertThat(e.problems())
                .contains(
                        FieldProblem.of(SmtpField.HOST, "smtp.error.host.scheme"),
                        FieldProblem.of(SmtpField.PORT, "smtp.error.port.range"),
                        FieldProblem.of(SmtpField.SENDER_ADDRESS, "smtp.error.sender.invalid"),
                        FieldProblem.of(
                                SmtpField.PASSWORD,
                                "smtp.error.password.length",
                                SmtpSettingsValidator.PASSWORD_MIN,
                                SmtpSettingsValidator.PASSWORD_MAX));
    }

    @Test
    void aStoredPasswordIsKeptOnlyWhileEverythingItWasEnteredForStaysTheSame() {
        var saved = stored(validator.validate(basic().build(), null, NOW).settings());
        var keep = basic().newPassword(null);

        assertThat(validator.validate(keep.build(), saved, NOW).keepPassword()).isTrue();
        for (var changed : List.of(
                basic().newPassword(null).host("other.example.com"),
                basic().newPassword(null).port(2525),
                basic().newPassword(null).minTls(TlsVersion.TLS_1_3),
                basic().newPassword(null).username("someone-else"))) {
            assertThat(problems(changed.build(), saved))
                    .as(changed.build().toString())
                    .containsExactly(FieldProblem.of(SmtpField.PASSWORD, "smtp.error.secret.reenter"));
        }
    }

    @Test
    void aTokenUrlMustBeHttpsAndNeverCarryCredentials() {
        var oauth = basic().authType(AuthType.OAUTH2)
                .oauthProvider(OAuthProvider.OTHER)
                .oauthClientId("client")
                .oauthScope("smtp")
                .newClientSecret("client-secret-value");
        assertThat(problems(oauth.oauthTokenUrl("http://idp.example.com/token").build(), null))
                .containsExactly(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.https"));
        assertThat(problems(
                        oauth.oauthTokenUrl("https://user:pw@idp.example.com/token")
                                .build(),
                        null))
                .containsExactly(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.invalid"));
        assertThat(problems(oauth.oauthTokenUrl("https://idp.example.com/token").build(), null))
                .isEmpty();
    }
}
