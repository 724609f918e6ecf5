package dev.mailroom.smtp.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import dev.mailroom.smtp.ConcurrentEditException;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.SaveOutcome;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Administration → SMTP. Binds the form to {@link SmtpSettingsService}; every rule lives in the service. */
@Route("admin/smtp")
@RolesAllowed("ADMIN")
class SmtpSettingsView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "smtp-settings-view";
    static final String RESULT_ID = "smtp-result";
    private static final int AUDIT_ENTRIES = 5;

    private final SmtpSettingsService service;
    final SmtpSettingsForm form;
    private final Button save = new Button();
    private final Button testConnection = new Button();
    private final Button sendTestEmail = new Button();
    private final Button remove = new Button();
    private final Div result = new Div();
    private final UnorderedList auditTrail = new UnorderedList();
    private SmtpSettings loaded;

    SmtpSettingsView(SmtpSettingsService service) {
        this.service = service;
        this.form = new SmtpSettingsForm(service.uploadsAreScanned());
        setId(ID);
        setMaxWidth("60rem");

        save.setId("smtp-save");
        save.setText(getTranslation("smtp.action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        testConnection.setId("smtp-test-connection");
        testConnection.setText(getTranslation("smtp.action.test-connection"));
        sendTestEmail.setId("smtp-send-test-email");
        sendTestEmail.setText(getTranslation("smtp.action.send-test-email"));
        // The next version gives these their work (talking SMTP); until then they say so instead of pretending.
        testConnection.setEnabled(false);
        sendTestEmail.setEnabled(false);
        testConnection.setTooltipText(getTranslation("smtp.action.coming-soon"));
        sendTestEmail.setTooltipText(getTranslation("smtp.action.coming-soon"));
        remove.setId("smtp-remove");
        remove.setText(getTranslation("smtp.action.remove"));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(e -> confirmRemove());
        result.setId(RESULT_ID);
        result.addClassName("mailroom-result");
        result.getElement().setAttribute("aria-live", "polite");
        auditTrail.setId("smtp-audit");

        var buttons = new HorizontalLayout(save, testConnection, sendTestEmail, remove);
        buttons.setWrap(true);
        add(new H2(getTranslation("smtp.title")), form, buttons, result,
                new H3(getTranslation("smtp.audit.title")), auditTrail);
        show(service.load());
    }

    private void show(SmtpSettings settings) {
        loaded = settings;
        form.read(settings);
        remove.setVisible(settings.version() != null);
        var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(getLocale()).withZone(ZoneId.systemDefault());
        auditTrail.removeAll();
        var changes = service.recentChanges(AUDIT_ENTRIES);
        if (changes.isEmpty()) {
            auditTrail.add(new ListItem(getTranslation("smtp.audit.none")));
        }
        for (var event : changes) {
            String fields = event.changedFields().isEmpty() ? "" : " (" + String.join(", ", event.changedFields()) + ")";
            auditTrail.add(new ListItem(getTranslation("smtp.audit." + event.action(), when.format(event.occurredAt()),
                    event.actorName()) + fields));
        }
    }

    private void save() {
        try {
            SaveOutcome outcome = service.save(form.draft());
            show(outcome.settings());
            if (outcome.valid()) {
                message("success", getTranslation("smtp.saved"));
            } else {
                message("error", getTranslation("smtp.saved-invalid", outcome.invalidReason()));
            }
            outcome.warnings().forEach(w -> result.add(paragraph("warning", getTranslation(w))));
        } catch (InvalidSmtpSettingsException e) {
            var unplaced = form.showProblems(e.problems());
            message("error", getTranslation("smtp.fix-problems"));
            unplaced.forEach(p -> result.add(paragraph("error", getTranslation(p.messageKey(), p.args().toArray()))));
        } catch (ConcurrentEditException e) {
            concurrentEdit();
        }
    }

    private void concurrentEdit() {
        message("error", getTranslation("smtp.concurrent-edit"));
        var reload = new Button(getTranslation("smtp.action.reload"), e -> {
            show(service.load());
            result.removeAll();
        });
        reload.setId("smtp-reload");
        result.add(reload);
    }

    private void confirmRemove() {
        var dialog = new ConfirmDialog();
        dialog.setId("smtp-remove-dialog");
        dialog.setHeader(getTranslation("smtp.remove.title"));
        dialog.setText(getTranslation("smtp.remove.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("smtp.action.cancel"));
        dialog.setConfirmText(getTranslation("smtp.action.remove"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> {
            try {
                service.remove(loaded.version());
                show(service.load());
                message("success", getTranslation("smtp.removed"));
            } catch (ConcurrentEditException ex) {
                concurrentEdit();
            }
        });
        dialog.open();
    }

    private void message(String kind, String text) {
        result.removeAll();
        result.add(paragraph(kind, text));
    }

    private static Paragraph paragraph(String kind, String text) {
        var p = new Paragraph(text);
        p.addClassName("mailroom-" + kind);
        return p;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("smtp.title") + " | " + getTranslation("app.name");
    }
}
