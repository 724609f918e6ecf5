package dev.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.audit.AuditEvent;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

@MailroomTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class SmtpSettingsServiceTest {

    static MockOAuth2Server oauth = new MockOAuth2Server();

    @Autowired
    SmtpSettingsService service;

    @Autowired
    MailStatusService status;

    @Autowired
    TestTenants fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    dev.mailroom.smtp.MailTests mailTests;

    Tenant tenant;
    User admin;
    User secondAdmin;

    @BeforeAll
    static void startTokenEndpoint() throws Exception {
        oauth.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stopTokenEndpoint() {
        oauth.shutdown();
    }

    @BeforeEach
    void aTenantWithTwoAdmins() {
        tenant = fixtures.newTenant("Smtp");
        admin = fixtures.newUser(tenant, "Ada", Role.ADMIN);
        secondAdmin = fixtures.newUser(tenant, "Alan", Role.ADMIN);
        fixtures.signInAs(admin);
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    static SmtpSettingsDraft.Builder basic() {
        return SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .security(ConnectionSecurity.STARTTLS)
                .senderName("Acme Mail")
                .senderAddress("noreply@acme.example")
                .authType(AuthType.BASIC)
                .username("mailer")
                .newPassword("s3cret-password");
    }

    static SmtpSettingsDraft.Builder edit(SmtpSettings s) {
        return SmtpSettingsDraft.from(s);
    }

    private FieldProblem onlyProblem(SmtpSettingsDraft draft) {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidSmtpSettingsException.class, () -> service.save(draft));
        assertThat(e).as("save must be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().getFirst();
    }

    @Test
    void aNewTenantUsesTheDefaultMailService() {
        var settings = service.load();
        assertThat(settings.mode()).isEqualTo(MailMode.DEFAULT_SERVICE);
        assertThat(settings.version()).isNull();
    }

    @Test
    void basicSettingsAreSavedNormalisedAndThePasswordIsOnlyMarkedAsStored() {
        var outcome = service.save(basic().host("  SMTP.Example.COM. ").build());
        assertThat(outcome.valid()).isTrue();
        var loaded = service.load();
        assertThat(loaded.mode()).isEqualTo(MailMode.CUSTOM);
        assertThat(loaded.host()).isEqualTo("smtp.example.com");
        assertThat(loaded.port()).as("STARTTLS default port").isEqualTo(587);
        assertThat(loaded.passwordStored()).isTrue();
        assertThat(loaded.toString()).doesNotContain("s3cret-password");
        assertThat(loaded.updatedBy()).isEqualTo("Ada");
    }

    @Test
    void thePasswordIsEncryptedAtRestAndBoundToTheTenant() {
        service.save(basic().build());
        byte[] stored = tx.execute(s -> jdbc.sql("select password_ciphertext from smtp_settings where tenant_id = :t")
                .param("t", tenant.id())
                .query(byte[].class)
                .single());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("s3cret");
        assertThat(stored.length).isGreaterThan("s3cret-password".length());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "smtp://mail.example.com",
                "mail example.com",
                "mail.example.com:587",
                "-bad-.example.com",
                "exa_mple.com",
                "256.1.1.1",
                "0x7f.0.0.1",
                "mail..example.com",
                "[::1",
                "::g"
            })
    void aBadServerIsRefusedNextToTheServerField(String host) {
        var problem = onlyProblem(basic().host(host).build());
        assertThat(problem.field()).isEqualTo(SmtpField.HOST);
        assertThat(problem.messageKey()).startsWith("smtp.error.host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "2001:db8::25", "[2001:db8::25]", "mail.example.com", "localhost"})
    void addressesAndHostNamesAreAccepted(String host) {
        assertThat(service.save(basic().host(host).build()).valid()).isTrue();
    }

    @Test
    void aHostLongerThan253CharactersIsRefused() {
        String host = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThat(onlyProblem(basic().host(host).build()).messageKey()).isEqualTo("smtp.error.host.too-long");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 70000})
    void aPortOutsideOneTo65535IsRefused(int port) {
        var problem = onlyProblem(basic().port(port).build());
        assertThat(problem.field()).isEqualTo(SmtpField.PORT);
    }

    @Test
    void theSecurityModeFillsTheUsualPort() {
        service.save(basic().security(ConnectionSecurity.SSL_TLS).build());
        assertThat(service.load().port()).isEqualTo(465);
        service.save(edit(service.load())
                .port(null)
                .security(ConnectionSecurity.NONE)
                .newPassword("s3cret-password")
                .build());
        assertThat(service.load().port()).isEqualTo(25);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "noreply@acme.example\r\nBcc: victim@example.com",
                "<a@b.example>c@d.example",
                "a@b.example, c@d.example",
                "not-an-address",
                "a@b",
                "\"quoted local\"@acme.example",
                "team: a@b.example;"
            })
    void aBadSenderAddressIsRefused(String address) {
        var problem = onlyProblem(basic().senderAddress(address).build());
        assertThat(problem.field()).isEqualTo(SmtpField.SENDER_ADDRESS);
    }

    @Test
    void aControlCharacterInTheSenderNameIsRefused() {
        var problem = onlyProblem(basic().senderName("Acme\nBcc: x@y.example").build());
        assertThat(problem).isEqualTo(FieldProblem.of(SmtpField.SENDER_NAME, "smtp.error.control"));
    }

    @Test
    void aPastedNameAndAddressAreSplit() {
        service.save(basic().senderName("")
                .senderAddress("Zażółć Gęślą <Noreply@ACME.example>")
                .build());
        var loaded = service.load();
        assertThat(loaded.senderName()).isEqualTo("Zażółć Gęślą");
        assertThat(loaded.senderAddress()).isEqualTo("Noreply@acme.example");
    }

    @Test
    void aSenderNameInIndonesianOrPolishIsKept() {
        service.save(basic().senderName("Layanan Surel Ąę")
                .senderAddress("layanan@acme.example")
                .build());
        assertThat(service.load().senderName()).isEqualTo("Layanan Surel Ąę");
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "1234567"})
    void aPasswordShorterThan8IsRefused(String password) {
        var problem = onlyProblem(basic().newPassword(password).build());
        assertThat(problem).isEqualTo(FieldProblem.of(SmtpField.PASSWORD, "smtp.error.password.length", 8, 255));
    }

    @Test
    void aPasswordLongerThan255IsRefused() {
        assertThat(onlyProblem(basic().newPassword("x".repeat(256)).build()).field())
                .isEqualTo(SmtpField.PASSWORD);
        assertThat(service.save(basic().newPassword("x".repeat(255)).build()).valid())
                .isTrue();
    }

    @Test
    void basicAuthenticationNeedsAPasswordTheFirstTime() {
        var problem = onlyProblem(basic().newPassword(null).build());
        assertThat(problem).isEqualTo(FieldProblem.of(SmtpField.PASSWORD, "smtp.error.secret.required"));
    }

    @Test
    void theStoredPasswordIsKeptWhenNothingItIsTiedToChanged() {
        service.save(basic().build());
        var outcome = service.save(
                edit(service.load()).senderName("Renamed").port(587).build());
        assertThat(outcome.settings().passwordStored()).isTrue();
        assertThat(outcome.settings().senderName()).isEqualTo("Renamed");
    }

    @Test
    void changingTheServerPortUserAuthOrSecurityRequiresThePasswordAgain() {
        service.save(basic().build());
        var stored = service.load();
        for (var changed : new SmtpSettingsDraft.Builder[] {
            edit(stored).host("evil.example.net"),
            edit(stored).port(2525),
            edit(stored).username("other"),
            edit(stored).security(ConnectionSecurity.SSL_TLS).port(587)
        }) {
            assertThat(onlyProblem(changed.build()))
                    .isEqualTo(FieldProblem.of(SmtpField.PASSWORD, "smtp.error.secret.reenter"));
        }
        assertThat(service.save(edit(stored)
                                .host("evil.example.net")
                                .newPassword("another-password")
                                .build())
                        .valid())
                .isTrue();
    }

    @Test
    void everythingThatDecidesWhereTheStoredPasswordGoesRequiresItAgainForSaveAndBothTests() {
        service.save(basic().trust(CertificateTrust.CUSTOM)
                .newCaPem(TestCertificates.validCa("Acme CA").pem())
                .build());
        var stored = service.load();
        var attackersCa = TestCertificates.validCa("Attacker CA").pem();
        for (var changed : new SmtpSettingsDraft.Builder[] {
            edit(stored).newCaPem(attackersCa),
            edit(stored).trust(CertificateTrust.DEFAULT),
            edit(stored).minTls(stored.minTls() == TlsVersion.TLS_1_2 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2),
            edit(stored).security(ConnectionSecurity.SSL_TLS),
            edit(stored)
                    .authType(AuthType.OAUTH2)
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl("https://login.example.com/token")
                    .oauthClientId("c")
                    .oauthScope("s")
                    .newClientSecret("client-secret-value")
        }) {
            var draft = changed.build();
            var expected = draft.authType() == AuthType.BASIC
                    ? FieldProblem.of(SmtpField.PASSWORD, "smtp.error.secret.reenter")
                    : null;
            if (expected != null) {
                assertThat(onlyProblem(draft)).as("save " + draft).isEqualTo(expected);
                assertThat(catchInvalid(() -> mailTests.testConnection(draft)))
                        .as("test " + draft)
                        .contains(expected);
                assertThat(catchInvalid(
                                () -> mailTests.sendTestEmail(draft, "ada@acme.example", java.util.Locale.ENGLISH)))
                        .as("test email " + draft)
                        .contains(expected);
            } else {
                // Switching to OAuth 2.0 with a new client secret is fine: no stored secret travels.
                assertThat(service.save(draft).settings().authType()).isEqualTo(AuthType.OAUTH2);
                service.save(edit(service.load())
                        .authType(AuthType.BASIC)
                        .newPassword("s3cret-password")
                        .build());
                stored = service.load();
            }
        }
        assertThat(service.load().caCertificates())
                .singleElement()
                .satisfies(c -> assertThat(c.subject()).contains("Acme CA"));
    }

    @Test
    void everythingThatDecidesWhereTheStoredClientSecretGoesRequiresItAgain() {
        service.save(oauthOther("https://login.example.com/token")
                .security(ConnectionSecurity.STARTTLS)
                .build());
        var stored = service.load();
        for (var changed : new SmtpSettingsDraft.Builder[] {
            edit(stored).oauthTokenUrl("https://attacker.example/token"),
            edit(stored).oauthClientId("another"),
            edit(stored).oauthProvider(OAuthProvider.MICROSOFT).oauthDirectoryId("contoso.onmicrosoft.com"),
            edit(stored).username("someone@acme.example"),
            edit(stored).host("smtp.attacker.example"),
            edit(stored).port(2525),
            edit(stored)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(TestCertificates.validCa("Attacker CA").pem()),
            edit(stored).minTls(stored.minTls() == TlsVersion.TLS_1_2 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2)
        }) {
            var draft = changed.build();
            var expected = FieldProblem.of(SmtpField.CLIENT_SECRET, "smtp.error.secret.reenter");
            assertThat(onlyProblem(draft)).as("save " + draft).isEqualTo(expected);
            assertThat(catchInvalid(() -> mailTests.testConnection(draft)))
                    .as("test " + draft)
                    .contains(expected);
        }
    }

    private static java.util.List<FieldProblem> catchInvalid(Runnable attempt) {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidSmtpSettingsException.class, attempt::run);
        assertThat(e).as("refused before anything connects").isNotNull();
        return e.problems();
    }

    @Test
    void aStaleFormIsRefusedAndNothingIsOverwritten() {
        service.save(basic().build());
        var loadedByBoth = service.load();
        fixtures.signInAs(secondAdmin);
        service.save(edit(loadedByBoth).senderName("Second admin was here").build());
        fixtures.signInAs(admin);
        assertThatThrownBy(() -> service.save(
                        edit(loadedByBoth).senderName("First admin").build()))
                .isInstanceOf(ConcurrentEditException.class);
        assertThat(service.load().senderName()).isEqualTo("Second admin was here");
        assertThatThrownBy(() -> service.remove(loadedByBoth.version())).isInstanceOf(ConcurrentEditException.class);
    }

    @Test
    void aFirstSaveRacingAnotherFirstSaveIsRefused() {
        var freshForm = basic().expectedVersion(null);
        service.save(freshForm.build());
        assertThatThrownBy(() -> service.save(freshForm.build())).isInstanceOf(ConcurrentEditException.class);
    }

    @Test
    void aCustomCaCertificateIsStoredAndSummarised() {
        var ca = TestCertificates.validCa("Acme Mail CA");
        service.save(basic().trust(CertificateTrust.CUSTOM).newCaPem(ca.pem()).build());
        var summary = service.load().caCertificates();
        assertThat(summary).singleElement().satisfies(c -> {
            assertThat(c.subject()).contains("CN=Acme Mail CA");
            assertThat(c.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        });
    }

    @Test
    void anExpiredCertificateIsRefusedAndOneExpiringSoonIsWarnedAbout() {
        var now = Instant.now();
        var expired = TestCertificates.ca("Old CA", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM)
                                .newCaPem(expired.pem())
                                .build())
                        .messageKey())
                .isEqualTo("smtp.error.ca.expired");
        var soon = TestCertificates.ca("Soon CA", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
        var outcome = service.save(
                basic().trust(CertificateTrust.CUSTOM).newCaPem(soon.pem()).build());
        assertThat(outcome.warnings()).containsExactly("smtp.warning.ca.expires-soon");
        assertThat(status.current()).get().satisfies(st -> {
            assertThat(st.level()).isEqualTo(MailHealth.WARNING);
            assertThat(st.source()).isEqualTo(dev.mailroom.status.StatusSource.EXPIRY);
        });
        service.save(edit(service.load())
                .newCaPem(TestCertificates.validCa("Fresh CA").pem())
                .newPassword("s3cret-password")
                .build());
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.OK);
    }

    @Test
    void anythingButPemCertificatesIsRefused() throws Exception {
        var ca = TestCertificates.validCa("Key CA");
        String privateKey = TestCertificates.pem(ca.keys().getPrivate());
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM)
                                .newCaPem("hello, I am not a certificate")
                                .build())
                        .messageKey())
                .isEqualTo("smtp.error.ca.not-pem");
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM)
                                .newCaPem(ca.pem() + privateKey)
                                .build())
                        .messageKey())
                .isEqualTo("smtp.error.ca.not-certificate");
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM)
                                .newCaPem("-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n")
                                .build())
                        .messageKey())
                .isEqualTo("smtp.error.ca.not-pem");
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM)
                                .newCaPem(ca.pem() + " ".repeat(70_000))
                                .build())
                        .messageKey())
                .isEqualTo("smtp.error.ca.too-large");
        assertThat(onlyProblem(basic().trust(CertificateTrust.CUSTOM).build()).messageKey())
                .isEqualTo("smtp.error.ca.required");
    }

    @Test
    void oauthSettingsThatGetATokenAreValid() {
        var outcome = service.save(
                oauthOther(oauth.tokenEndpointUrl("entra").toString()).build());
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.settings().clientSecretStored()).isTrue();
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.OK);
    }

    @Test
    void oauthSettingsWhoseTokenEndpointFailsAreSavedButInvalidAndTheStatusIsAnError() throws Exception {
        int closedPort = dev.mailroom.support.Ports.unusedLoopbackPort();
        var outcome = service.save(
                oauthOther("http://127.0.0.1:" + closedPort + "/token").build());
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.invalidReason()).isEqualTo("unreachable");
        assertThat(service.load().isCustom()).as("settings stay saved").isTrue();
        assertThat(status.current()).get().satisfies(s -> {
            assertThat(s.level()).isEqualTo(MailHealth.ERROR);
            // Said in each admin's language; "unreachable" is Mailroom's word, not the provider's.
            assertThat(s.reasonKey()).isEqualTo("mail.explain.token-unreachable.url");
            assertThat(s.detail()).isNull();
        });
    }

    @Test
    void aTokenUrlMustBeHttpsExceptOnLoopbackInDevelopment() {
        assertThat(onlyProblem(oauthOther("http://login.example.com/token").build()))
                .isEqualTo(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.https"));
        assertThat(onlyProblem(oauthOther("https://user:pw@login.example.com/token")
                                .build())
                        .field())
                .isEqualTo(SmtpField.OAUTH_TOKEN_URL);
    }

    @Test
    void theStoredClientSecretIsNeverSentToANewTokenUrl() {
        service.save(oauthOther(oauth.tokenEndpointUrl("entra").toString()).build());
        var problem = onlyProblem(edit(service.load())
                .oauthTokenUrl("https://attacker.example/token")
                .build());
        assertThat(problem).isEqualTo(FieldProblem.of(SmtpField.CLIENT_SECRET, "smtp.error.secret.reenter"));
    }

    @Test
    void microsoftNeedsADirectoryIdAndDefaultsTheScope() {
        var problem = onlyProblem(SmtpSettingsDraft.builder()
                .host("smtp.office365.com")
                .senderAddress("a@acme.example")
                .authType(AuthType.OAUTH2)
                .oauthProvider(OAuthProvider.MICROSOFT)
                .username("a@acme.example")
                .oauthClientId("client")
                .newClientSecret("secret")
                .build());
        assertThat(problem).isEqualTo(FieldProblem.of(SmtpField.OAUTH_DIRECTORY_ID, "smtp.error.required"));
    }

    @Test
    void switchingToTheDefaultServiceKeepsTheCustomSettingsForLater() {
        service.save(basic().build());
        service.save(edit(service.load()).mode(MailMode.DEFAULT_SERVICE).build());
        var loaded = service.load();
        assertThat(loaded.mode()).isEqualTo(MailMode.DEFAULT_SERVICE);
        assertThat(loaded.host()).isEqualTo("smtp.example.com");
    }

    @Test
    void removeWipesEverySettingSecretAndCertificateAndClearsTheStatus() {
        service.save(basic().trust(CertificateTrust.CUSTOM)
                .newCaPem(TestCertificates.validCa("X").pem())
                .build());
        status.recordProblem(MailHealth.ERROR, dev.mailroom.status.StatusSource.TEST, "status.reason.test", "535");
        service.remove(service.load().version());
        assertThat(service.load()).isEqualTo(SmtpSettings.defaultService());
        long rows = tx.execute(s -> jdbc.sql("select count(*) from smtp_settings where tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single());
        assertThat(rows).isZero();
        assertThat(status.current()).isEmpty();
    }

    @Test
    void everySaveAndRemoveIsAuditedWithFieldNamesOnly() {
        service.save(basic().build());
        service.save(edit(service.load())
                .host("other.example.com")
                .newPassword("new-password-1")
                .build());
        service.remove(service.load().version());
        var trail = service.recentChanges(10);
        assertThat(trail).extracting(AuditEvent::action).containsExactly("smtp.remove", "smtp.save", "smtp.save");
        assertThat(trail.get(1).changedFields()).containsExactly("host", "password");
        assertThat(trail.get(1).actorName()).isEqualTo("Ada");
        assertThat(trail.toString()).doesNotContain("new-password-1", "other.example.com");
    }

    @Test
    void aSendingRateIsSavedReadBackAuditedAndCheckedForRange() {
        service.save(basic().rate(new SendingRate(30, 10_000)).build());
        assertThat(service.load().rate()).isEqualTo(new SendingRate(30, 10_000));
        service.save(edit(service.load()).rate(new SendingRate(null, 2_000)).build());
        assertThat(service.load().rate()).isEqualTo(new SendingRate(null, 2_000));
        assertThat(service.recentChanges(1).getFirst().changedFields()).containsExactly("ratePerMinute", "ratePerDay");

        var before = service.load();
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidSmtpSettingsException.class,
                () -> service.save(edit(before)
                        .rate(new SendingRate(0, SendingRate.MAX_PER_DAY + 1))
                        .build()));
        assertThat(e.problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder(SmtpField.RATE_PER_MINUTE, SmtpField.RATE_PER_DAY);
        assertThat(service.load()).as("a refused save loses nothing saved").isEqualTo(before);
    }

    @Test
    void anotherTenantsAdminSeesNothingAndChangesNothing() {
        service.save(basic().build());
        var other = fixtures.newTenant("Other");
        fixtures.signInAs(fixtures.newUser(other, "Olga", Role.ADMIN));
        assertThat(service.load().mode()).isEqualTo(MailMode.DEFAULT_SERVICE);
        assertThat(service.recentChanges(10)).isEmpty();
        service.remove(null);
        fixtures.signInAs(admin);
        assertThat(service.load().isCustom()).isTrue();
    }

    @Test
    void aUserWhoIsNotAnAdminIsRefused() {
        fixtures.signInAs(fixtures.newUser(tenant, "Grace", Role.USER));
        assertThatThrownBy(() -> service.load()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.save(basic().build())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.remove(null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherTenantDoesNotDecrypt() {
        service.save(basic().build());
        var other = fixtures.newTenant("Thief");
        var otherAdmin = fixtures.newUser(other, "Tom", Role.ADMIN);
        fixtures.signInAs(otherAdmin);
        service.save(basic().newPassword("thief-password").build());
        // Copy Ada's ciphertext into the other tenant's row, as someone with database access might.
        copyCiphertext(tenant.id(), other.id());
        assertThatThrownBy(() ->
                        service.save(edit(service.load()).senderName("Thief").build()))
                .isInstanceOf(dev.mailroom.secrets.SecretUnreadableException.class);
    }

    private void copyCiphertext(UUID from, UUID to) {
        byte[] stolen = dev.mailroom.tenant.TenantContext.callAsTenant(
                from,
                () -> tx.execute(s -> jdbc.sql("select password_ciphertext from smtp_settings where tenant_id = :t")
                        .param("t", from)
                        .query(byte[].class)
                        .single()));
        dev.mailroom.tenant.TenantContext.callAsTenant(
                to,
                () -> tx.execute(s -> jdbc.sql("update smtp_settings set password_ciphertext = :c where tenant_id = :t")
                        .param("c", stolen)
                        .param("t", to)
                        .update()));
    }

    @Test
    void noSecretEverReachesTheLog(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        service.save(basic().newPassword("log-leak-password-1").build());
        int closedPort = dev.mailroom.support.Ports.unusedLoopbackPort();
        var draft = oauthOther("http://127.0.0.1:" + closedPort + "/token")
                .newClientSecret("log-leak-client-secret")
                .expectedVersion(service.load().version())
                .build();
        service.save(draft);
        org.slf4j.LoggerFactory.getLogger(getClass()).info("A draft as someone might log it: {}", draft);
        assertThat(output.getAll())
                .contains("A draft as someone might log it")
                .doesNotContain("log-leak-password-1", "log-leak-client-secret");
    }

    static SmtpSettingsDraft.Builder oauthOther(String tokenUrl) {
        return SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .senderAddress("noreply@acme.example")
                .authType(AuthType.OAUTH2)
                .oauthProvider(OAuthProvider.OTHER)
                .username("noreply@acme.example")
                .oauthTokenUrl(tokenUrl)
                .oauthClientId("mailroom")
                .newClientSecret("client-secret-value")
                .oauthScope("smtp.send");
    }
}
