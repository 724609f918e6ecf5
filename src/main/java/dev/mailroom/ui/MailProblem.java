package dev.mailroom.ui;

import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import java.util.Optional;

/**
 * How a tenant's mail status looks wherever it is shown (the sidebar badges, the SMTP page's banner): nothing
 * while mail is fine, else an error or a warning, each with its own texts. One mapping, so the badge and the
 * banner never disagree.
 */
public record MailProblem(MailStatus status, boolean error) {

    public static Optional<MailProblem> of(Optional<MailStatus> status) {
        return status.filter(MailStatus::isProblem).map(s -> new MailProblem(s, s.level() == MailHealth.ERROR));
    }

    /** "error" or "warning": the theme variant and the last part of every text key. */
    public String level() {
        return error ? "error" : "warning";
    }

    public String badgeKey() {
        return "status.badge." + level();
    }

    public String badgeLabelKey() {
        return "status.badge." + level() + "-label";
    }

    public String bannerKey() {
        return "status.banner." + level();
    }
}
