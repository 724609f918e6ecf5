package dev.mailroom.outbox;

import dev.mailroom.mail.DeliveryOutcome;
import dev.mailroom.mail.ThrottlingReplies;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.tenant.TenantContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a batch came to, after its accepted messages were marked SENT: each failure retried after a backoff or
 * failed for good, and the tenant's mail status from the whole batch (an error once a message failed for good or
 * {@code errorAfterFailures} times; a success clears an earlier delivery problem).
 */
final class BatchOutcomes {

    private static final Logger log = LoggerFactory.getLogger(BatchOutcomes.class);

    private final OutboxStore store;
    private final DeliveryPauses pauses;
    private final MailStatusService status;
    private final OutboxProperties properties;
    private final Backoff backoff;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    BatchOutcomes(
            OutboxStore store,
            DeliveryPauses pauses,
            MailStatusService status,
            OutboxProperties properties,
            Clock clock,
            DeliveryMetrics metrics) {
        this.store = store;
        this.pauses = pauses;
        this.status = status;
        this.properties = properties;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetryDelay());
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A batch's failures in one transaction, the messages it did not get to back in the queue, and the tenant's
     * status from the whole batch.
     */
    void record(
            UUID tenant, String destination, List<OutboxMessage> batch, List<DeliveryOutcome> outcomes, String node) {
        boolean anySent = false;
        DeliveryPause paused = null;
        DeliveryOutcome.Failed alarming = null;
        var failures = new ArrayList<OutboxStore.Failure>();
        var deferred = new ArrayList<UUID>();
        java.time.Duration deferredFor = java.time.Duration.ZERO;
        for (int i = 0; i < batch.size(); i++) {
            var message = batch.get(i);
            switch (outcomes.get(i)) {
                case DeliveryOutcome.Sent sent -> anySent = true;
                case DeliveryOutcome.Deferred d -> {
                    deferred.add(message.id());
                    deferredFor = d.dueAfter().compareTo(deferredFor) > 0 ? d.dueAfter() : deferredFor;
                }
                case DeliveryOutcome.Throttled t -> {
                    paused = pauses.pause(
                            tenant,
                            destination,
                            t.throttling(),
                            t.throttling().kind() == ThrottlingReplies.Kind.QUOTA
                                    ? properties.quotaPause()
                                    : properties.ratePause(),
                            properties.longestPause(),
                            message.id(),
                            node);
                    metrics.paused(t.throttling().kind());
                    log.info(
                            "Sending of tenant {} to {} paused until {} ({} in a row): {}",
                            tenant,
                            destination,
                            paused.until(),
                            paused.pauses(),
                            t.throttling().reply());
                }
                case DeliveryOutcome.Failed failed -> {
                    boolean giveUp = failed.permanent() || message.attempts() >= properties.maxAttempts();
                    metrics.failed(message.kind(), giveUp, failed.explanationKey());
                    failures.add(new OutboxStore.Failure(
                            message.id(),
                            giveUp,
                            giveUp ? null : clock.instant().plus(backoff.after(message.attempts())),
                            failed.explanationKey(),
                            failed.detail()));
                    if (giveUp || message.attempts() >= properties.errorAfterFailures()) {
                        alarming = failed;
                    }
                    log.info(
                            "Delivery of {} for tenant {} failed (attempt {}, {}): {}",
                            message.messageId(),
                            tenant,
                            message.attempts(),
                            giveUp ? "failed for good" : "will retry",
                            failed.detail());
                }
            }
        }
        store.recordFailures(failures, node);
        store.giveBack(deferred, node, deferredFor);
        // A delivery ends a run of pauses, unless this batch itself was paused after delivering some.
        if (anySent && paused == null) {
            pauses.lift(tenant);
        }
        var problem = alarming;
        var pause = paused;
        boolean success = anySent;
        TenantContext.callAsTenant(tenant, () -> {
            if (problem != null) {
                status.recordProblem(
                        MailHealth.ERROR, StatusSource.DELIVERY, problem.explanationKey(), problem.detail());
            } else if (pause != null) {
                // A warning, not an error: the mail is waiting, and goes out by itself when the pause ends.
                status.recordProblem(MailHealth.WARNING, StatusSource.DELIVERY, "status.reason.paused", pause.reply());
            } else if (success) {
                status.recordSuccess(StatusSource.DELIVERY);
            }
            return null;
        });
    }
}
