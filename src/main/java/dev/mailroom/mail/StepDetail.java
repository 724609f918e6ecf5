package dev.mailroom.mail;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a step found: the technical text (logs, the mail status, support reports) and, where it has words of
 * its own rather than protocol facts, a translation key with its arguments for the admin's language.
 */
public record StepDetail(String text, @Nullable String key, List<Object> args) {

    static StepDetail of(String text) {
        return new StepDetail(text, null, List.of());
    }

    static StepDetail of(String text, String key, Object... args) {
        return new StepDetail(text, key, List.of(args));
    }
}
