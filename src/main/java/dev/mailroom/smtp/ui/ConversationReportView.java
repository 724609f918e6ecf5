package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
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
        failed.map(ConversationStep::explanationKey)
                .ifPresent(key -> add(new Paragraph(
                        getTranslation(key, failed.get().explanationArgs().toArray()))));
        var steps = new UnorderedList();
        steps.addClassName("mailroom-steps");
        for (var step : report.steps()) {
            var item = new ListItem();
            item.addClassName(step.ok() ? "mailroom-step-ok" : "mailroom-step-failed");
            String took = step.took() == null ? "" : " (" + step.took().toMillis() + " ms)";
            item.add(new Span((step.ok() ? "✔ " : "✘ ")
                    + getTranslation("mail.step." + step.kind().name())
                    + took));
            // Words of its own in the reader's language; protocol facts (addresses, capabilities) as they are.
            String found = step.detailKey() != null
                    ? getTranslation(step.detailKey(), step.detailArgs().toArray())
                    : step.detail();
            if (!found.isBlank()) {
                var detail = new Span(" " + found);
                detail.addClassName("mailroom-hint");
                item.add(detail);
            }
            steps.add(item);
        }
        add(steps);
        var transcript =
                new Details(getTranslation("smtp.test.transcript"), new Pre(String.join("\n", report.transcript())));
        transcript.setId(ID + "-transcript");
        add(transcript);
    }
}
