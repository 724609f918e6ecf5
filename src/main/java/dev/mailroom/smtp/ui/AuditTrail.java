package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import dev.mailroom.audit.AuditEvent;
import dev.mailroom.ui.AdminTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The last changes to the tenant's SMTP settings: when, who, which fields (never their values). */
class AuditTrail extends UnorderedList {

    /** The audit records fields by name; the reader sees each by its label on the form, in their language. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("mode", "smtp.field.use-custom"),
            Map.entry("host", "smtp.field.host"),
            Map.entry("port", "smtp.field.port"),
            Map.entry("security", "smtp.field.security"),
            Map.entry("minTls", "smtp.field.min-tls"),
            Map.entry("trust", "smtp.field.trust"),
            Map.entry("caCertificate", "smtp.field.ca-certificate"),
            Map.entry("senderName", "smtp.field.sender-name"),
            Map.entry("senderAddress", "smtp.field.sender-address"),
            Map.entry("authType", "smtp.field.auth-type"),
            Map.entry("username", "smtp.field.username"),
            Map.entry("password", "smtp.field.password"),
            Map.entry("oauthProvider", "smtp.field.oauth-provider"),
            Map.entry("oauthDirectoryId", "smtp.field.directory-id"),
            Map.entry("oauthClientId", "smtp.field.client-id"),
            Map.entry("clientSecret", "smtp.field.client-secret"),
            Map.entry("oauthTokenUrl", "smtp.field.token-url"),
            Map.entry("oauthScope", "smtp.field.scope"),
            Map.entry("ratePerMinute", "smtp.field.rate-per-minute"),
            Map.entry("ratePerDay", "smtp.field.rate-per-day"));

    AuditTrail() {
        setId("smtp-audit");
    }

    void show(List<AuditEvent> changes) {
        removeAll();
        if (changes.isEmpty()) {
            add(new ListItem(getTranslation("smtp.audit.none")));
        }
        for (var event : changes) {
            String fields = event.changedFields().isEmpty()
                    ? ""
                    : " ("
                            + event.changedFields().stream()
                                    .map(name -> LABELS.containsKey(name) ? getTranslation(LABELS.get(name)) : name)
                                    .collect(Collectors.joining(", "))
                            + ")";
            add(new ListItem(getTranslation(
                            "smtp.audit." + event.action(),
                            AdminTime.withZone(event.occurredAt(), getLocale()),
                            event.actorName())
                    + fields));
        }
    }
}
