package dev.mailroom.smtp;

import dev.mailroom.scan.ScanResult;
import dev.mailroom.scan.VirusScanner;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** An uploaded CA certificate goes past the virus scanner before anything of it is stored (when one is set up). */
@Component
class CertificateUploadScan {

    private static final Logger log = LoggerFactory.getLogger(CertificateUploadScan.class);

    private final VirusScanner scanner;

    CertificateUploadScan(VirusScanner scanner) {
        this.scanner = scanner;
    }

    boolean scanned() {
        return scanner.isConfigured();
    }

    /** @throws InvalidSmtpSettingsException infected, or the scanner could not tell (then nothing is stored either) */
    void scan(String pem, UUID tenant) {
        var result = scanner.scan(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (result instanceof ScanResult.Infected infected) {
            log.warn(
                    "Refused a certificate upload of tenant {}: the virus scanner found {}",
                    tenant,
                    infected.signature());
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.infected")));
        }
        if (result instanceof ScanResult.Failed) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.scan-failed")));
        }
    }
}
