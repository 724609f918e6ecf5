package dev.mailroom.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MisconfigurationException}, however deep in a bean's creation, into Boot's start-up report. */
class MisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MisconfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MisconfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
