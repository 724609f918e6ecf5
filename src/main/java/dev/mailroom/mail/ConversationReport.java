package dev.mailroom.mail;

import java.util.List;
import java.util.Optional;

/** What a connection test or a test send did, step by step, with the SMTP transcript (no secrets in it). */
public record ConversationReport(List<ConversationStep> steps, List<String> transcript) {

    public boolean succeeded() {
        return steps.stream().allMatch(ConversationStep::ok);
    }

    /**
     * The report a tenant gets of the deployment's default service: which steps passed or failed, how long they
     * took and why in plain words, but not the operator's host, addresses, certificate, capabilities, account or
     * the dialogue (a refused recipient keeps the server's reply). The service and its account are the operator's.
     */
    public ConversationReport withoutTheOperatorsDetails() {
        return new ConversationReport(
                steps.stream().map(ConversationStep::withoutDetail).toList(), List.of());
    }

    public Optional<ConversationStep> failedStep() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }
}
