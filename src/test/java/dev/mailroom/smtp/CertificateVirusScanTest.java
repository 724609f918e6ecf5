package dev.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mailroom.support.Clamd;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Uploads go through a real ClamAV daemon when the operator configured one. */
@MailroomTest
class CertificateVirusScanTest {

    static Clamd clamd;

    @DynamicPropertySource
    static void scanner(DynamicPropertyRegistry registry) {
        clamd = Clamd.start();
        registry.add("mailroom.clamav.host", () -> "127.0.0.1");
        registry.add("mailroom.clamav.port", () -> clamd.port());
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    @Autowired
    SmtpSettingsService service;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Scan"), "Sam", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private SmtpSettingsDraft withCertificate(String pem) {
        return SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .senderAddress("a@example.com")
                .trust(CertificateTrust.CUSTOM)
                .newCaPem(pem)
                .build();
    }

    @Test
    void theDeploymentSaysUploadsAreScanned() {
        assertThat(service.uploadsAreScanned()).isTrue();
    }

    @Test
    void aCleanCertificateIsAccepted() {
        assertThat(service.save(withCertificate(
                                TestCertificates.validCa("Clean CA").pem()))
                        .valid())
                .isTrue();
    }

    @Test
    void anUploadWithMalwareIsRefusedAndNothingIsSaved() {
        String infected = TestCertificates.validCa("Carrier CA").pem() + Clamd.EICAR + "\n";
        var e = catchThrowableOfType(InvalidSmtpSettingsException.class, () -> service.save(withCertificate(infected)));
        assertThat(e.problems()).containsExactly(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.infected"));
        assertThat(service.load().version()).isNull();
    }
}
