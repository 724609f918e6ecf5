package dev.mailroom.mail;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a conversation: whether it worked, how long it took, what it found (technical detail, e.g.
 * "TLSv1.3 TLS_AES_128_GCM_SHA256"), and for a failure a translation key that explains it in plain words
 * with a likely fix.
 */
public record ConversationStep(
        StepKind kind,
        boolean ok,
        @Nullable Duration took,
        String detail,
        @Nullable String explanationKey,
        List<Object> explanationArgs,
        @Nullable String detailKey,
        List<Object> detailArgs) {

    /**
     * What the step found, for a reader: Mailroom's own words through {@code translate} (key, arguments), protocol
     * facts (addresses, capabilities, replies) as they are.
     */
    public String detailFor(java.util.function.BiFunction<String, Object[], String> translate) {
        return detailKey == null ? detail : translate.apply(detailKey, detailArgs.toArray());
    }

    /**
     * The step with what it found left out, said instead to be the operator's; but a refused message keeps the
     * server's reply: it is about the tenant's recipient ("550 5.1.1 no such user"), which the admin must fix.
     */
    ConversationStep withoutDetail() {
        if (!ok && kind == StepKind.SEND) {
            return this;
        }
        return new ConversationStep(
                kind, ok, took, "", explanationKey, explanationArgs, "mail.detail.operators-service", List.of());
    }

    static ConversationStep ok(StepKind kind, @Nullable Duration took, StepDetail detail) {
        return new ConversationStep(kind, true, took, detail.text(), null, List.of(), detail.key(), detail.args());
    }

    static ConversationStep failed(
            StepKind kind,
            @Nullable Duration took,
            StepDetail detail,
            String explanationKey,
            List<Object> explanationArgs) {
        return new ConversationStep(
                kind, false, took, detail.text(), explanationKey, explanationArgs, detail.key(), detail.args());
    }
}
