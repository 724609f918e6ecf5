package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.security.MailroomUser;
import dev.mailroom.smtp.ConcurrentEditException;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailServiceInUse;
import dev.mailroom.smtp.SaveOutcome;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusBroadcaster;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.throttle.TestAlreadyRunningException;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.ui.LiveMailStatus;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** Administration → SMTP. Binds the form to {@link SmtpSettingsService}; every rule lives in the service. */
@Route("admin/smtp")
@RolesAllowed("ADMIN")
class SmtpSettingsView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "smtp-settings-view";
    static final String RESULT_ID = "smtp-result";
    static final String STATUS_BANNER_ID = "smtp-status-banner";
    static final String IN_USE_ID = "smtp-in-use";
    private static final int AUDIT_ENTRIES = 5;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SmtpSettingsView.class);

    private final SmtpSettingsService service;
    private final MailTests mailTests;
    private final AsyncTaskExecutor executor;
    private final SecurityContextHolderStrategy securityContexts;
    final SmtpSettingsForm form;
    final EmailField testRecipient = new EmailField();
    private final ProgressBar progress = new ProgressBar();
    /** The conversation running now, if any; tests wait on it. */
    @Nullable
    CompletableFuture<ConversationReport> running;

    private static final long UNAVAILABLE_RETRY_SECONDS = 30;
    private final Button save = new Button();
    private final Button testConnection = new Button();
    private final Button sendTestEmail = new Button();
    private final Button remove = new Button();
    private final Div result = new Div();
    private final Div statusBanner = new Div();
    private final Paragraph inUse = new Paragraph();
    private final UnorderedList auditTrail = new UnorderedList();
    private SmtpSettings loaded;

    SmtpSettingsView(
            SmtpSettingsService service,
            MailTests mailTests,
            AsyncTaskExecutor executor,
            AuthenticationContext authentication,
            MailStatusService statuses,
            MailStatusBroadcaster broadcaster,
            SecurityContextHolderStrategy securityContexts) {
        this.service = service;
        this.securityContexts = securityContexts;
        this.mailTests = mailTests;
        this.executor = executor;
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
        testConnection.addClickListener(
                e -> converse(testConnection, mailTests::testConnection, getTranslation("smtp.test.succeeded")));
        form.useCustom.addValueChangeListener(e -> enable(testConnection));
        enable(testConnection);
        sendTestEmail.addClickListener(e -> {
            String to = testRecipient.getValue();
            var language = getLocale();
            converse(
                    sendTestEmail,
                    draft -> mailTests.sendTestEmail(draft, to, language),
                    getTranslation("smtp.test.sent", to));
        });
        testRecipient.setId("smtp-test-recipient");
        testRecipient.setLabel(getTranslation("smtp.test.recipient"));
        testRecipient.setWidth("24rem");
        testRecipient.setValue(authentication
                .getAuthenticatedUser(MailroomUser.class)
                .map(MailroomUser::email)
                .orElse(""));
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setId("smtp-progress");
        remove.setId("smtp-remove");
        remove.setText(getTranslation("smtp.action.remove"));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(e -> confirmRemove());
        result.setId(RESULT_ID);
        result.addClassName("mailroom-result");
        result.getElement().setAttribute("aria-live", "polite");
        auditTrail.setId("smtp-audit");

        statusBanner.setId(STATUS_BANNER_ID);
        statusBanner.addClassName("mailroom-status-banner");
        statusBanner.getElement().setAttribute("role", "alert");
        showStatus(statuses.current());
        authentication
                .getAuthenticatedUser(MailroomUser.class)
                .map(MailroomUser::tenantId)
                .ifPresent(tenant -> LiveMailStatus.bind(this, broadcaster, tenant, this::showStatus));

        inUse.setId(IN_USE_ID);
        var buttons = new HorizontalLayout(save, testConnection, sendTestEmail, remove);
        buttons.setWrap(true);
        add(
                new H2(getTranslation("smtp.title")),
                statusBanner,
                inUse,
                form,
                testRecipient,
                buttons,
                progress,
                result,
                new H3(getTranslation("smtp.audit.title")),
                auditTrail);
        show(service.load());
    }

    /** The tenant's mail problem, if any, at the top of the page: what, since when, found by what. */
    private void showStatus(Optional<MailStatus> status) {
        statusBanner.removeAll();
        boolean problem = status.map(MailStatus::isProblem).orElse(false);
        statusBanner.setVisible(problem);
        if (!problem) {
            return;
        }
        var s = status.get();
        boolean error = s.level() == MailHealth.ERROR;
        statusBanner.getElement().setAttribute("theme", error ? "error" : "warning");
        var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        statusBanner.add(new H3(getTranslation(error ? "status.banner.error" : "status.banner.warning")));
        if (s.reasonKey() != null) {
            statusBanner.add(new Paragraph(getTranslation(s.reasonKey(), s.detail() == null ? "" : s.detail())));
        }
        var since = new Paragraph(getTranslation(
                "status.banner.since",
                when.format(s.since()),
                getTranslation("status.source." + s.source().name()),
                s.triggeredBy() == null ? "Mailroom" : s.triggeredBy()));
        since.addClassName("mailroom-hint");
        statusBanner.add(since);
        if (s.detail() != null && !s.detail().isBlank()) {
            var detail = new Paragraph(s.detail());
            detail.addClassName("mailroom-hint");
            statusBanner.add(detail);
        }
    }

    private void show(SmtpSettings settings) {
        loaded = settings;
        form.read(settings);
        remove.setVisible(settings.version() != null);
        var inEffect = service.serviceInUse(settings);
        inUse.setText(
                inEffect == MailServiceInUse.CUSTOM
                        ? getTranslation("smtp.in-use.CUSTOM", settings.host(), String.valueOf(settings.port()))
                        : getTranslation("smtp.in-use." + inEffect.name()));
        inUse.setClassName("mailroom-warning", inEffect == MailServiceInUse.NONE);
        var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        auditTrail.removeAll();
        var changes = service.recentChanges(AUDIT_ENTRIES);
        if (changes.isEmpty()) {
            auditTrail.add(new ListItem(getTranslation("smtp.audit.none")));
        }
        for (var event : changes) {
            String fields =
                    event.changedFields().isEmpty() ? "" : " (" + String.join(", ", event.changedFields()) + ")";
            auditTrail.add(new ListItem(
                    getTranslation("smtp.audit." + event.action(), when.format(event.occurredAt()), event.actorName())
                            + fields));
        }
    }

    private void save() {
        try {
            SaveOutcome outcome = service.save(form.draft());
            show(outcome.settings());
            if (outcome.valid()) {
                message("success", getTranslation("smtp.saved"));
            } else {
                // What to check depends on what went wrong: a refused client, an unreachable endpoint, the policy.
                message(
                        "error",
                        getTranslation(
                                "smtp.saved-invalid",
                                outcome.invalidReason(),
                                getTranslation(outcome.invalidExplanationKey(), outcome.invalidReason())));
            }
            outcome.warnings().forEach(w -> result.add(paragraph("warning", getTranslation(w))));
        } catch (InvalidSmtpSettingsException e) {
            var unplaced = form.showProblems(e.problems());
            if (unplaced.size() < e.problems().size()) {
                message("error", getTranslation("smtp.fix-problems"));
            } else {
                result.removeAll();
            }
            unplaced.forEach(p -> result.add(
                    paragraph("error", getTranslation(p.messageKey(), p.args().toArray()))));
        } catch (ConcurrentEditException e) {
            concurrentEdit();
        } catch (TooManyAttemptsException | ThrottleUnavailableException e) {
            refused(e, save);
        }
    }

    /**
     * Test connection is for custom settings; the default service is the operator's to test. Send test email
     * works for both: it goes through the service the tenant would use.
     */
    private void enable(Button button) {
        button.setEnabled(button != testConnection || form.useCustom.getValue());
    }

    /**
     * A limit said no: say so under the buttons and keep the buttons it applies to disabled until the wait
     * is over. The form is left exactly as it was.
     */
    private void refused(RuntimeException refusal, Button... buttons) {
        long seconds = switch (refusal) {
            case TooManyAttemptsException tooMany -> tooMany.retryAfterSeconds();
            case TestAlreadyRunningException running -> 0;
            default -> UNAVAILABLE_RETRY_SECONDS;
        };
        message(
                "error",
                switch (refusal) {
                    case TooManyAttemptsException tooMany -> getTranslation("throttle.too-many", seconds);
                    case TestAlreadyRunningException running -> getTranslation("throttle.test-running");
                    default -> getTranslation("throttle.unavailable");
                });
        if (seconds == 0) {
            return;
        }
        for (Button button : buttons) {
            button.setEnabled(false);
        }
        var ui = UI.getCurrent();
        CompletableFuture.runAsync(
                () -> ui.access(() -> {
                    for (Button button : buttons) {
                        enable(button);
                    }
                }),
                CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS));
    }

    /**
     * Runs a test off the UI thread, so that a slow or silent server never holds up this or anyone else's
     * page, and pushes the report when it is done. Works with unsaved changes: nothing is persisted.
     */
    private void converse(
            Button button,
            Function<dev.mailroom.smtp.SmtpSettingsDraft, ConversationReport> conversation,
            String successText) {
        form.clearProblems();
        testRecipient.setInvalid(false);
        dev.mailroom.smtp.SmtpSettingsDraft draft;
        try {
            draft = form.draft();
        } catch (InvalidSmtpSettingsException e) {
            form.showProblems(e.problems());
            message("error", getTranslation("smtp.fix-problems-test"));
            return;
        }
        var ui = UI.getCurrent();
        button.setEnabled(false);
        progress.setVisible(true);
        message("hint", getTranslation("smtp.test.running"));
        // Captured here, on the request thread: the worker thread has no security context of its own. Through
        // this application's strategy, not the JVM-global holder, which the last started context owns.
        var asThisAdmin =
                new DelegatingSecurityContextCallable<>(() -> conversation.apply(draft), securityContexts.getContext());
        asThisAdmin.setSecurityContextHolderStrategy(securityContexts);
        // `running` completes only once the result is queued for the page (tests wait on it).
        running = CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return asThisAdmin.call();
                            } catch (Exception e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        },
                        executor)
                .handle((report, failure) -> {
                    ui.access(() -> {
                        enable(button);
                        progress.setVisible(false);
                        result.removeAll();
                        Throwable cause =
                                failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                                        ? c.getCause()
                                        : failure;
                        if (report != null) {
                            result.add(new ConversationReportView(report, successText));
                        } else if (cause instanceof TooManyAttemptsException
                                || cause instanceof ThrottleUnavailableException
                                || cause instanceof TestAlreadyRunningException) {
                            refused((RuntimeException) cause, testConnection, sendTestEmail);
                        } else if (cause instanceof InvalidSmtpSettingsException invalid) {
                            var unplaced = form.showProblems(invalid.problems());
                            // "Correct the marked fields" only when a field is marked (the recipient's is this view's
                            // own).
                            if (unplaced.size() < invalid.problems().size()
                                    || unplaced.stream()
                                            .anyMatch(p -> p.field() == dev.mailroom.smtp.SmtpField.TEST_RECIPIENT)) {
                                message("error", getTranslation("smtp.fix-problems-test"));
                            }
                            for (var p : unplaced) {
                                String text =
                                        getTranslation(p.messageKey(), p.args().toArray());
                                if (p.field() == dev.mailroom.smtp.SmtpField.TEST_RECIPIENT) {
                                    testRecipient.setErrorMessage(text);
                                    testRecipient.setInvalid(true);
                                } else {
                                    result.add(paragraph("error", text));
                                }
                            }
                        } else {
                            log.error("A connection test failed unexpectedly", cause);
                            message("error", getTranslation("error.unexpected"));
                        }
                    });
                    return report;
                });
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
