package dev.mailroom.smtp;

import java.time.Instant;

/** What an admin needs to recognise an uploaded CA certificate. */
public record CertificateSummary(
        String subject, String issuer, Instant validFrom, Instant validTo, String sha256Fingerprint) {}
