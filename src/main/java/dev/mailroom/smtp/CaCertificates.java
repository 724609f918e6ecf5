package dev.mailroom.smtp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Parses an uploaded PEM file of CA certificates; only X.509 certificates, nothing else, are accepted. */
public final class CaCertificates {

    public static final int MAX_BYTES = 64 * 1024;
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    static final String EXPIRES_SOON = "smtp.warning.ca.expires-soon";
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    /**
     * Every test and every load of custom-trust settings validates the same few PEM texts: parsing one took about
     * a twentieth of a test email's CPU (BENCHMARKS.md, figure 1). Certificates are immutable; only what parsed is
     * kept, weighed by its length (a PEM text is at most 64 KiB).
     */
    private static final Cache<String, List<X509Certificate>> PARSED = Caffeine.newBuilder()
            .maximumWeight(4L * 1024 * 1024)
            .<String, List<X509Certificate>>weigher((pem, certificates) -> pem.length())
            .build();

    private CaCertificates() {}

    /** The certificates in a PEM text; throws with a translation key when it is not (only) certificates. */
    public static List<X509Certificate> parse(String pem) {
        return PARSED.get(pem, CaCertificates::parseUncached);
    }

    private static List<X509Certificate> parseUncached(String pem) {
        if (pem.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new BadCertificateException("smtp.error.ca.too-large");
        }
        var blocks = PEM_BLOCK.matcher(pem).results().map(m -> m.group(1)).toList();
        if (blocks.isEmpty()) {
            throw new BadCertificateException("smtp.error.ca.not-pem");
        }
        // A private key or anything else in the file is refused rather than silently skipped.
        if (blocks.stream().anyMatch(type -> !type.equals("CERTIFICATE"))) {
            throw new BadCertificateException("smtp.error.ca.not-certificate");
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.size() != blocks.size()) {
                throw new BadCertificateException("smtp.error.ca.not-pem");
            }
            return certificates.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException | ClassCastException e) {
            throw new BadCertificateException("smtp.error.ca.not-pem");
        }
    }

    public static List<CertificateSummary> summarise(String pem) {
        return parse(pem).stream().map(CaCertificates::summary).toList();
    }

    static CertificateSummary summary(X509Certificate c) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return new CertificateSummary(
                    c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(),
                    c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant(),
                    HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean expired(X509Certificate c, Instant now) {
        return c.getNotAfter().toInstant().isBefore(now);
    }

    static boolean expiresSoon(X509Certificate c, Instant now) {
        return !expired(c, now) && c.getNotAfter().toInstant().isBefore(now.plus(EXPIRY_WARNING));
    }

    /** Carries the translation key of what is wrong with the file. */
    public static final class BadCertificateException extends RuntimeException {
        private final String messageKey;

        BadCertificateException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }
}
