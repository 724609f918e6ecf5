package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import dev.mailroom.status.MailStatus;
import dev.mailroom.ui.AdminTime;
import dev.mailroom.ui.MailProblem;
import java.util.Optional;

/**
 * The tenant's mail problem, if any, at the top of the SMTP page: what, since when, found by what. The page keeps
 * it live (one watcher for the page, see {@code SmtpSettingsView}).
 */
class StatusBanner extends Div {

    static final String ID = "smtp-status-banner";

    StatusBanner(Optional<MailStatus> current) {
        setId(ID);
        addClassName("mailroom-status-banner");
        getElement().setAttribute("role", "alert");
        show(current);
    }

    void show(Optional<MailStatus> status) {
        removeAll();
        var problem = MailProblem.of(status);
        setVisible(problem.isPresent());
        problem.ifPresent(this::show);
    }

    private void show(MailProblem problem) {
        var s = problem.status();
        getElement().setAttribute("theme", problem.level());
        add(new H3(getTranslation(problem.bannerKey())));
        String reason = s.reasonFor(this::getTranslation);
        if (reason != null) {
            add(new Paragraph(reason));
        }
        add(hint(getTranslation(
                "status.banner.since",
                AdminTime.withZone(s.since(), getLocale()),
                getTranslation("status.source." + s.source().name()),
                s.triggeredBy() == null ? "Mailroom" : s.triggeredBy())));
        if (s.detail() != null && !s.detail().isBlank()) {
            add(hint(s.detail()));
        }
    }

    private static Paragraph hint(String text) {
        var p = new Paragraph(text);
        p.addClassName("mailroom-hint");
        return p;
    }
}
