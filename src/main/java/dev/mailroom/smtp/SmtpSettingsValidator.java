package dev.mailroom.smtp;

import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.ControlCharacters;
import dev.mailroom.oauth.OAuthProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every rule of the SMTP form, in one place, enforced on the server whatever the page did. Collects all
 * problems at once, so the admin sees every field that needs attention after one click.
 */
@Component
class SmtpSettingsValidator {

    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 255;
    private static final Pattern DIRECTORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");
    private final boolean allowHttpLoopbackTokenUrl;
    private final EgressPolicy egress;

    SmtpSettingsValidator(OAuthProperties oauth, EgressPolicy egress) {
        this.allowHttpLoopbackTokenUrl = oauth.allowHttpLoopback();
        this.egress = egress;
    }

    record Result(ValidSettings settings, boolean keepPassword, boolean keepClientSecret, List<String> warnings) {}

    Result validate(SmtpSettingsDraft d, @Nullable SmtpSettingsRow stored, Instant now) {
        var problems = new ArrayList<FieldProblem>();
        var warnings = new ArrayList<String>();

        String host = FieldRules.host(d.host(), problems);
        int port = d.port() == null ? d.security().defaultPort() : d.port();
        if (port < 1 || port > 65535) {
            problems.add(FieldProblem.of(SmtpField.PORT, "smtp.error.port.range"));
        }
        String caPem = d.trust() == CertificateTrust.CUSTOM
                ? FieldRules.caPem(
                        d.newCaPem() != null ? d.newCaPem() : stored == null ? null : stored.caPem(),
                        now,
                        problems,
                        warnings)
                : null;

        var sender = FieldRules.sender(d.senderName(), d.senderAddress(), problems);

        String username = null;
        OAuthProvider provider = null;
        String directoryId = null;
        String clientId = null;
        String tokenUrl = null;
        String scope = null;
        if (d.authType() != AuthType.NONE) {
            username = FieldRules.required(d.username(), 254, SmtpField.USERNAME, problems);
            // A password or token in clear text is readable by anyone on the path. Where the operator allows it
            // for a private relay, the transport checks the address it connects to.
            if (d.security() == ConnectionSecurity.NONE && !egress.allowsPlaintextAuthSomewhere()) {
                problems.add(FieldProblem.of(SmtpField.SECURITY, "smtp.error.plaintext-auth"));
            }
        }
        if (d.authType() == AuthType.OAUTH2) {
            provider = d.oauthProvider();
            clientId = FieldRules.required(d.oauthClientId(), 200, SmtpField.OAUTH_CLIENT_ID, problems);
            if (provider == OAuthProvider.MICROSOFT) {
                directoryId = FieldRules.required(d.oauthDirectoryId(), 254, SmtpField.OAUTH_DIRECTORY_ID, problems);
                if (directoryId != null && !DIRECTORY_ID.matcher(directoryId).matches()) {
                    problems.add(FieldProblem.of(SmtpField.OAUTH_DIRECTORY_ID, "smtp.error.directory-id.invalid"));
                }
                scope = d.oauthScope().isBlank()
                        ? OAuthProvider.MICROSOFT_DEFAULT_SCOPE
                        : FieldRules.text(d.oauthScope(), 1000, SmtpField.OAUTH_SCOPE, problems);
            } else {
                tokenUrl = tokenUrl(d.oauthTokenUrl(), problems);
                scope = FieldRules.required(d.oauthScope(), 1000, SmtpField.OAUTH_SCOPE, problems);
            }
        }

        var valid = new ValidSettings(
                host == null ? "" : host,
                port,
                d.security(),
                d.minTls(),
                d.trust(),
                caPem,
                sender == null ? "" : sender.name(),
                sender == null ? "" : sender.address(),
                d.authType(),
                username,
                provider,
                directoryId,
                clientId,
                tokenUrl,
                scope,
                d.rate());
        problems.addAll(d.rate().problems());

        boolean keepPassword = false;
        if (d.authType() == AuthType.BASIC) {
            keepPassword = secret(
                    d.newPassword(),
                    stored != null && stored.passwordCiphertext() != null,
                    stored != null && valid.samePasswordTarget(stored),
                    SmtpField.PASSWORD,
                    PASSWORD_MIN,
                    PASSWORD_MAX,
                    "smtp.error.password.length",
                    problems);
        }
        boolean keepClientSecret = false;
        if (d.authType() == AuthType.OAUTH2) {
            keepClientSecret = secret(
                    d.newClientSecret(),
                    stored != null && stored.clientSecretCiphertext() != null,
                    stored != null && valid.sameClientSecretTarget(stored),
                    SmtpField.CLIENT_SECRET,
                    1,
                    1024,
                    "smtp.error.client-secret.length",
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSmtpSettingsException(problems);
        }
        return new Result(valid, keepPassword, keepClientSecret, warnings);
    }

    /** True when the stored secret is kept; adds a problem when a new one is needed or malformed. */
    private static boolean secret(
            @Nullable String entered,
            boolean stored,
            boolean sameTarget,
            SmtpField field,
            int min,
            int max,
            String lengthKey,
            List<FieldProblem> problems) {
        if (entered != null && !entered.isEmpty()) {
            if (entered.length() < min || entered.length() > max) {
                problems.add(FieldProblem.of(field, lengthKey, min, max));
            } else if (ControlCharacters.containsAny(entered)) {
                problems.add(FieldProblem.of(field, "smtp.error.control"));
            }
            return false;
        }
        if (stored && sameTarget) {
            return true;
        }
        problems.add(FieldProblem.of(field, stored ? "smtp.error.secret.reenter" : "smtp.error.secret.required"));
        return false;
    }

    private @Nullable String tokenUrl(String raw, List<FieldProblem> problems) {
        String url = FieldRules.required(raw, 2000, SmtpField.OAUTH_TOKEN_URL, problems);
        if (url == null) {
            return null;
        }
        try {
            var uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = uri.getHost() != null
                    && (uri.getHost().equals("localhost")
                            || uri.getHost().equals("127.0.0.1")
                            || uri.getHost().equals("[::1]"));
            boolean allowed = scheme.equals("https") || scheme.equals("http") && loopback && allowHttpLoopbackTokenUrl;
            if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                problems.add(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.invalid"));
            } else if (!allowed) {
                problems.add(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.https"));
            }
        } catch (URISyntaxException e) {
            problems.add(FieldProblem.of(SmtpField.OAUTH_TOKEN_URL, "smtp.error.token-url.invalid"));
        }
        return url;
    }
}
