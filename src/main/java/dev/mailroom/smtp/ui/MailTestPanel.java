package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.EmailField;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpField;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.throttle.TestAlreadyRunningException;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection" and "Send test email" with the form as it is on the page (saved or not). A test runs off
 * the UI thread, so that a slow or silent server never holds up this or anyone else's page, on the
 * application's executor (which runs it as this admin), and its report is pushed when it is done.
 */
class MailTestPanel {

    private static final Logger log = LoggerFactory.getLogger(MailTestPanel.class);

    final EmailField recipient = new EmailField();
    final Button testConnection = new Button();
    final Button sendTestEmail = new Button();
    final ProgressBar progress = new ProgressBar();
    private final SmtpSettingsForm form;
    private final ResultArea result;
    private final Executor executor;

    MailTestPanel(MailTests mailTests, SmtpSettingsForm form, ResultArea result, Executor executor, String adminEmail) {
        this.form = form;
        this.result = result;
        this.executor = executor;
        testConnection.setId("smtp-test-connection");
        testConnection.setText(form.getTranslation("smtp.action.test-connection"));
        testConnection.addClickListener(
                e -> run(testConnection, mailTests::testConnection, form.getTranslation("smtp.test.succeeded")));
        sendTestEmail.setId("smtp-send-test-email");
        sendTestEmail.setText(form.getTranslation("smtp.action.send-test-email"));
        sendTestEmail.addClickListener(e -> {
            String to = recipient.getValue();
            var language = UI.getCurrent().getLocale();
            run(
                    sendTestEmail,
                    draft -> mailTests.sendTestEmail(draft, to, language),
                    form.getTranslation("smtp.test.sent", to));
        });
        form.useCustom.addValueChangeListener(e -> enable(testConnection));
        enable(testConnection);
        recipient.setId("smtp-test-recipient");
        recipient.setLabel(form.getTranslation("smtp.test.recipient"));
        recipient.setWidth("24rem");
        recipient.setValue(adminEmail);
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setId("smtp-progress");
    }

    /**
     * Test connection is for custom settings; the default service is the operator's to test. Send test email
     * works for both: it goes through the service the tenant would use.
     */
    void enable(Button button) {
        button.setEnabled(button != testConnection || form.useCustom.getValue());
    }

    private void run(Button button, Function<SmtpSettingsDraft, ConversationReport> conversation, String successText) {
        form.clearProblems();
        recipient.setInvalid(false);
        SmtpSettingsDraft draft;
        try {
            draft = form.draft();
        } catch (InvalidSmtpSettingsException e) {
            form.showProblems(e.problems());
            result.message("error", form.getTranslation("smtp.fix-problems-test"));
            return;
        }
        var ui = UI.getCurrent();
        button.setEnabled(false);
        progress.setVisible(true);
        result.message("hint", form.getTranslation("smtp.test.running"));
        CompletableFuture.supplyAsync(() -> conversation.apply(draft), executor)
                .whenComplete((report, failure) -> ui.access(() -> {
                    enable(button);
                    progress.setVisible(false);
                    result.removeAll();
                    if (report != null) {
                        result.add(new ConversationReportView(report, successText));
                    } else {
                        failed(
                                failure instanceof CompletionException c && c.getCause() != null
                                        ? c.getCause()
                                        : failure);
                    }
                }));
    }

    private void failed(Throwable cause) {
        switch (cause) {
            case TooManyAttemptsException e -> result.refused(e, this::enable, testConnection, sendTestEmail);
            case ThrottleUnavailableException e -> result.refused(e, this::enable, testConnection, sendTestEmail);
            case TestAlreadyRunningException e -> result.refused(e, this::enable, testConnection, sendTestEmail);
            case InvalidSmtpSettingsException invalid -> {
                var unplaced = form.showProblems(invalid.problems());
                // "Correct the marked fields" only when a field is marked (the recipient's is this panel's own).
                if (unplaced.size() < invalid.problems().size()
                        || unplaced.stream().anyMatch(p -> p.field() == SmtpField.TEST_RECIPIENT)) {
                    result.message("error", form.getTranslation("smtp.fix-problems-test"));
                }
                for (var p : unplaced) {
                    String text = form.getTranslation(p.messageKey(), p.args().toArray());
                    if (p.field() == SmtpField.TEST_RECIPIENT) {
                        recipient.setErrorMessage(text);
                        recipient.setInvalid(true);
                    } else {
                        result.append("error", text);
                    }
                }
            }
            default -> {
                log.error("A connection test failed unexpectedly", cause);
                result.message("error", form.getTranslation("error.unexpected"));
            }
        }
    }
}
