package dev.mailroom.outbox;

import dev.mailroom.mail.ThrottlingReplies;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The outbox's meters: sent, retried and failed mail per kind (and failure reason), and how long mail waited
 * from queueing to acceptance. Every tag value comes from a small fixed set, never from a tenant or a server.
 */
final class DeliveryMetrics {

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Listed from the start (at zero), so dashboards and alerts see every kind before the first mail.
        for (var kind : MailKind.values()) {
            meters.counter("mailroom.mail.sent", "kind", kind.tag());
            meters.timer("mailroom.mail.delivery", "kind", kind.tag());
        }
        for (var kind : ThrottlingReplies.Kind.values()) {
            meters.counter("mailroom.mail.paused", "kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    void sent(MailKind kind, Duration sinceQueued) {
        meters.counter("mailroom.mail.sent", "kind", kind.tag()).increment();
        meters.timer("mailroom.mail.delivery", "kind", kind.tag()).record(sinceQueued);
    }

    /** A tenant's sending paused by its server ("rate" or "quota"). */
    void paused(ThrottlingReplies.Kind kind) {
        meters.counter("mailroom.mail.paused", "kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    void failed(MailKind kind, boolean giveUp, String explanationKey) {
        meters.counter(
                        giveUp ? "mailroom.mail.failed" : "mailroom.mail.retried",
                        "kind",
                        kind.tag(),
                        "reason",
                        // "mail.explain.bad-credentials" → "bad-credentials": one of the explanations, a bounded set.
                        explanationKey.substring(explanationKey.lastIndexOf('.') + 1))
                .increment();
    }
}
