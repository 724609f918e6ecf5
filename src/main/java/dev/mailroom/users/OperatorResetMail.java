package dev.mailroom.users;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.mail.SmtpConversations;
import dev.mailroom.operator.OperatorLinks;
import dev.mailroom.smtp.NoMailServiceException;
import dev.mailroom.smtp.TenantMailTargets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * "Forgot password?" for a person who is only an operator: no tenant's outbox is theirs, so the link goes out at once
 * through the deployment's default mail service (on the reset's background thread, within the conversation's
 * deadline; no retries: the operator asks again, or uses mailroom.operator-recovery).
 */
@Component
@EnableConfigurationProperties(LinkProperties.class)
class OperatorResetMail {

    /** The token cache and the transport key their work by tenant; the platform's own mail is nobody's. */
    static final UUID PLATFORM = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(OperatorResetMail.class);

    private final OperatorLinks links;
    private final TenantMailTargets targets;
    private final SmtpConversations conversations;
    private final TranslationProvider translations;
    private final String publicUrl;

    OperatorResetMail(
            OperatorLinks links,
            TenantMailTargets targets,
            SmtpConversations conversations,
            TranslationProvider translations,
            LinkProperties properties) {
        this.links = links;
        this.targets = targets;
        this.conversations = conversations;
        this.translations = translations;
        String url = properties.publicUrl();
        this.publicUrl = url.endsWith("/") ? url : url + "/";
    }

    void send(UUID operatorId, String email, String name, Locale language) {
        var target = defaultService();
        if (target == null) {
            log.warn("An operator asked for a password reset, but this deployment has no default mail service to send"
                    + " it through; operators recover with mailroom.operator-recovery (README)");
            return;
        }
        String link = publicUrl + AccountLinks.PATH + "?token=" + links.issue(operatorId);
        var report = conversations.send(
                target,
                new OutgoingMail(
                        email,
                        translations.getTranslation("mail.reset.subject", language),
                        translations.getTranslation(
                                "mail.reset.body", language, name, link, OperatorLinks.VALIDITY.toMinutes())));
        if (!report.succeeded()) {
            log.warn("An operator's password reset mail was not accepted by the default mail service");
        }
    }

    private dev.mailroom.mail.@org.jspecify.annotations.Nullable SmtpTarget defaultService() {
        try {
            return targets.defaultService(PLATFORM);
        } catch (NoMailServiceException e) {
            return null;
        }
    }
}
