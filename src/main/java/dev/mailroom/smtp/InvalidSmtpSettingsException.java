package dev.mailroom.smtp;

import java.util.List;

/** The form has problems; nothing was saved. */
public class InvalidSmtpSettingsException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidSmtpSettingsException(List<FieldProblem> problems) {
        super("Invalid SMTP settings: "
                + problems.stream().map(p -> p.field() + " " + p.messageKey()).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
