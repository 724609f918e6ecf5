package dev.mailroom.mail;

import java.util.List;
import java.util.Optional;

/** What a connection test or a test send did, step by step, with the SMTP transcript (no secrets in it). */
public record ConversationReport(List<ConversationStep> steps, List<String> transcript) {

    public boolean succeeded() {
        return steps.stream().allMatch(ConversationStep::ok);
    }

    public Optional<ConversationStep> failedStep() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }
}
