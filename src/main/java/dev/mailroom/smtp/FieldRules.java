package dev.mailroom.smtp;

import dev.mailroom.mail.ControlCharacters;
import dev.mailroom.mail.HostNames;
import dev.mailroom.mail.Sender;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules of single fields of the SMTP settings, each adding to the form's list of problems what it found. */
final class FieldRules {

    private static final Pattern PORT_IN_HOST = Pattern.compile("[^:\\[\\]]+:\\d+");

    private FieldRules() {}

    static @Nullable String host(String raw, List<FieldProblem> problems) {
        String typed = raw.strip();
        if (typed.isEmpty()) {
            problems.add(FieldProblem.of(SmtpField.HOST, "smtp.error.required"));
            return null;
        }
        if (ControlCharacters.containsAny(typed)) {
            problems.add(FieldProblem.of(SmtpField.HOST, "smtp.error.control"));
            return null;
        }
        String key = null;
        if (typed.contains("://")) {
            key = "smtp.error.host.scheme";
        } else if (typed.chars().anyMatch(Character::isWhitespace)) {
            key = "smtp.error.host.spaces";
        } else if (typed.length() > 253) {
            key = "smtp.error.host.too-long";
        } else if (PORT_IN_HOST.matcher(typed).matches()) {
            key = "smtp.error.host.port-in-host";
        }
        String host = key == null ? HostNames.normalise(typed) : null;
        if (key == null && host == null) {
            key = "smtp.error.host.invalid";
        }
        if (key != null) {
            problems.add(FieldProblem.of(SmtpField.HOST, key));
        }
        return host;
    }

    static @Nullable String caPem(
            @Nullable String pem, Instant now, List<FieldProblem> problems, List<String> warnings) {
        if (pem == null || pem.isBlank()) {
            problems.add(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.required"));
            return null;
        }
        try {
            for (var cert : CaCertificates.parse(pem)) {
                if (CaCertificates.expired(cert, now)) {
                    problems.add(FieldProblem.of(
                            SmtpField.CA_CERTIFICATE,
                            "smtp.error.ca.expired",
                            cert.getNotAfter().toInstant()));
                } else if (cert.getNotBefore().toInstant().isAfter(now)) {
                    problems.add(FieldProblem.of(
                            SmtpField.CA_CERTIFICATE,
                            "smtp.error.ca.not-yet-valid",
                            cert.getNotBefore().toInstant()));
                } else if (CaCertificates.expiresSoon(cert, now)) {
                    warnings.add(CaCertificates.EXPIRES_SOON);
                }
            }
            return pem.strip() + "\n";
        } catch (CaCertificates.BadCertificateException e) {
            problems.add(FieldProblem.of(SmtpField.CA_CERTIFICATE, e.messageKey()));
            return null;
        }
    }

    static @Nullable Sender sender(String name, String address, List<FieldProblem> problems) {
        if (address.isBlank()) {
            problems.add(FieldProblem.of(SmtpField.SENDER_ADDRESS, "smtp.error.required"));
            return null;
        }
        if (ControlCharacters.containsAny(name)) {
            problems.add(FieldProblem.of(SmtpField.SENDER_NAME, "smtp.error.control"));
            return null;
        }
        var sender = Sender.split(name, address);
        if (sender == null) {
            problems.add(FieldProblem.of(
                    SmtpField.SENDER_ADDRESS,
                    ControlCharacters.containsAny(address) ? "smtp.error.control" : "smtp.error.sender.invalid"));
            return null;
        }
        if (sender.name().length() > 200) {
            problems.add(FieldProblem.of(SmtpField.SENDER_NAME, "smtp.error.too-long", 200));
        }
        return sender;
    }

    static @Nullable String required(String raw, int max, SmtpField field, List<FieldProblem> problems) {
        if (raw.isBlank()) {
            problems.add(FieldProblem.of(field, "smtp.error.required"));
            return null;
        }
        return text(raw, max, field, problems);
    }

    static @Nullable String text(String raw, int max, SmtpField field, List<FieldProblem> problems) {
        String value = raw.strip();
        if (ControlCharacters.containsAny(value)) {
            problems.add(FieldProblem.of(field, "smtp.error.control"));
            return null;
        }
        if (value.length() > max) {
            problems.add(FieldProblem.of(field, "smtp.error.too-long", max));
            return null;
        }
        return value;
    }
}
