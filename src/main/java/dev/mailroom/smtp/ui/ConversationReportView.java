package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.mail.ConversationStep;

/** A connection test's outcome: a sentence, every step with its time and finding, and the transcript. */
class ConversationReportView extends Div {

    static final String ID = "smtp-conversation";

    ConversationReportView(ConversationReport report, String successText) {
        setId(ID);
        addClassName("mailroom-conversation");
        var failed = report.failedStep();
        var headline = new Paragraph(
                failed.isPresent()
                        ? getTranslation(
                                "smtp.test.failed",
                                getTranslation(
                                        "mail.step." + failed.get().kind().name()))
                        : successText);
        headline.addClassName(failed.isPresent() ? "mailroom-error" : "mailroom-success");
        add(headline);
        var copy = new StringBuilder(headline.getText()).append('\n');
        failed.map(ConversationStep::explanationKey).ifPresent(key -> {
            String explanation =
                    getTranslation(key, failed.get().explanationArgs().toArray());
            add(new Paragraph(explanation));
            copy.append(explanation).append('\n');
        });
        copy.append('\n');
        var steps = new UnorderedList();
        steps.addClassName("mailroom-steps");
        for (var step : report.steps()) {
            var item = new ListItem();
            item.addClassName(step.ok() ? "mailroom-step-ok" : "mailroom-step-failed");
            String took = step.took() == null ? "" : " (" + step.took().toMillis() + " ms)";
            item.add(new Span((step.ok() ? "✔ " : "✘ ")
                    + getTranslation("mail.step." + step.kind().name())
                    + took));
            String found = step.detailFor((key, args) -> getTranslation(key, args));
            copy.append(step.ok() ? "✔ " : "✘ ")
                    .append(getTranslation("mail.step." + step.kind().name()))
                    .append(took)
                    .append(found.isBlank() ? "" : " " + found)
                    .append('\n');
            if (!found.isBlank()) {
                var detail = new Span(" " + found);
                detail.addClassName("mailroom-hint");
                item.add(detail);
            }
            steps.add(item);
        }
        add(steps);
        // The browser's own <details>: Vaadin's Details component tells the server its initial "opened" state
        // once it is shown, a second request after every test (BENCHMARKS.md, figure 1c).
        var transcript = new NativeDetails(
                getTranslation("smtp.test.transcript"), new Pre(String.join("\n", report.transcript())));
        transcript.setId(ID + "-transcript");
        transcript.addClassName("mailroom-transcript");
        add(transcript);
        copy.append('\n').append(String.join("\n", report.transcript()));
        add(copyButton(copy.toString()));
    }

    /**
     * "Copy report", for a support request: what the page shows, steps and transcript (which never holds a
     * secret). Copied in the browser, in the click itself, as the clipboard requires.
     */
    private Button copyButton(String report) {
        var button = new Button(getTranslation("smtp.test.copy"));
        button.setId(ID + "-copy");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.getElement().setAttribute("data-report", report);
        button.getElement()
                .executeJs("this.addEventListener('click', () => navigator.clipboard.writeText(this.dataset.report))");
        button.addClickListener(e -> button.setText(getTranslation("smtp.test.copied")));
        return button;
    }
}
