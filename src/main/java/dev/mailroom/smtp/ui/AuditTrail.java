package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import dev.mailroom.audit.AuditEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/** The last changes to the tenant's SMTP settings: when, who, which fields (never their values). */
class AuditTrail extends UnorderedList {

    AuditTrail() {
        setId("smtp-audit");
    }

    void show(List<AuditEvent> changes) {
        removeAll();
        if (changes.isEmpty()) {
            add(new ListItem(getTranslation("smtp.audit.none")));
        }
        var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        for (var event : changes) {
            String fields =
                    event.changedFields().isEmpty() ? "" : " (" + String.join(", ", event.changedFields()) + ")";
            add(new ListItem(
                    getTranslation("smtp.audit." + event.action(), when.format(event.occurredAt()), event.actorName())
                            + fields));
        }
    }
}
