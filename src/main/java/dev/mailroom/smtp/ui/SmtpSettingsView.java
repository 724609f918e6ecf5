package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.mailroom.smtp.ConcurrentEditException;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailServiceInUse;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SaveOutcome;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailStatusBroadcaster;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantMember;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.ui.LiveMailStatus;
import jakarta.annotation.security.RolesAllowed;
import java.util.concurrent.Executor;

/**
 * Administration → SMTP: the status banner, which service is in use, the form, the tests, Save and Remove,
 * and the audit trail. Every rule lives in {@link SmtpSettingsService} and {@link MailTests}.
 */
@Route("admin/smtp")
@RolesAllowed("ADMIN")
class SmtpSettingsView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "smtp-settings-view";
    static final String RESULT_ID = ResultArea.ID;
    static final String IN_USE_ID = "smtp-in-use";
    private static final int AUDIT_ENTRIES = 5;

    private final SmtpSettingsService service;
    final SmtpSettingsForm form;
    final MailTestPanel tests;
    private final Button save = new Button();
    private final Button remove = new Button();
    private final ResultArea result = new ResultArea();
    private final Paragraph inUse = new Paragraph();
    private final AuditTrail auditTrail = new AuditTrail();
    private SmtpSettings loaded;
    /** The page has said that the stored settings are newer than the form: once is enough until a reload. */
    private boolean toldStale;

    SmtpSettingsView(
            SmtpSettingsService service,
            MailTests mailTests,
            Executor applicationTaskExecutor,
            MailStatusService statuses,
            MailStatusBroadcaster broadcaster) {
        this.service = service;
        this.form = new SmtpSettingsForm(service.uploadsAreScanned());
        var admin = TenantContext.currentMember();
        this.tests = new MailTestPanel(
                mailTests,
                form,
                result,
                applicationTaskExecutor,
                admin.map(TenantMember::email).orElse(""));
        setId(ID);
        setMaxWidth("60rem");
        var banner = new StatusBanner(statuses.current());

        save.setId("smtp-save");
        save.setText(getTranslation("smtp.action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        remove.setId("smtp-remove");
        remove.setText(getTranslation("smtp.action.remove"));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(e -> confirmRemove());
        inUse.setId(IN_USE_ID);

        var buttons = new HorizontalLayout(save, tests.testConnection, tests.sendTestEmail, remove);
        buttons.setWrap(true);
        add(
                new H2(getTranslation("smtp.title")),
                banner,
                inUse,
                form,
                tests.recipient,
                buttons,
                tests.progress,
                result,
                new H3(getTranslation("smtp.audit.title")),
                auditTrail);
        show(service.load());
        // The status banner, and another admin's save (or a script's, through the API) as it happens: the audit
        // line at once, and a note to reload (not a reload, which would throw away what this admin is typing).
        admin.map(TenantMember::tenantId).ifPresent(tenant -> {
            LiveMailStatus.bind(this, broadcaster, tenant, banner::show);
            LiveMailStatus.bindSettings(this, broadcaster, tenant, this::changedElsewhere);
        });
    }

    private void changedElsewhere() {
        if (TenantContext.currentMember().isEmpty()) {
            return; // the session is ending: nobody left to show anything to
        }
        var now = service.load();
        auditTrail.show(service.recentChanges(AUDIT_ENTRIES));
        if (!toldStale && !java.util.Objects.equals(now.version(), loaded.version())) {
            toldStale = true;
            result.message("warning", getTranslation("smtp.changed-elsewhere"));
            result.add(reloadButton());
        }
    }

    private void show(SmtpSettings settings) {
        loaded = settings;
        toldStale = false;
        form.read(settings);
        remove.setVisible(settings.version() != null);
        var inEffect = service.serviceInUse(settings);
        inUse.setText(
                inEffect == MailServiceInUse.CUSTOM
                        ? getTranslation("smtp.in-use.CUSTOM", settings.host(), String.valueOf(settings.port()))
                        : getTranslation("smtp.in-use." + inEffect.name()));
        inUse.setClassName("mailroom-warning", inEffect == MailServiceInUse.NONE);
        auditTrail.show(service.recentChanges(AUDIT_ENTRIES));
    }

    private void save() {
        try {
            SaveOutcome outcome = service.save(form.draft());
            show(outcome.settings());
            result.message(
                    outcome.valid() ? "success" : "error",
                    outcome.messageFor((key, args) -> getTranslation(key, args)));
            outcome.warnings().forEach(w -> result.append("warning", getTranslation(w)));
        } catch (InvalidSmtpSettingsException e) {
            var unplaced = form.showProblems(e.problems());
            if (unplaced.size() < e.problems().size()) {
                result.message("error", getTranslation("smtp.fix-problems"));
            } else {
                result.removeAll();
            }
            unplaced.forEach(p -> result.append(
                    "error", getTranslation(p.messageKey(), p.args().toArray())));
        } catch (ConcurrentEditException e) {
            concurrentEdit();
        } catch (TooManyAttemptsException | ThrottleUnavailableException e) {
            result.refused(e, button -> button.setEnabled(true), save);
        }
    }

    private void concurrentEdit() {
        toldStale = true;
        result.message("error", getTranslation("smtp.concurrent-edit"));
        result.add(reloadButton());
    }

    private Button reloadButton() {
        var reload = new Button(getTranslation("smtp.action.reload"), e -> {
            show(service.load());
            result.removeAll();
        });
        reload.setId("smtp-reload");
        return reload;
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
                result.message("success", getTranslation("smtp.removed"));
            } catch (ConcurrentEditException ex) {
                concurrentEdit();
            }
        });
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("smtp.title") + " | " + getTranslation("app.name");
    }
}
