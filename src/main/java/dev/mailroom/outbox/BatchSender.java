package dev.mailroom.outbox;

import dev.mailroom.mail.BatchDelivery;
import dev.mailroom.mail.DeliveryOutcome;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.smtp.NoMailServiceException;
import dev.mailroom.smtp.SendingRate;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.throttle.SendingPace;
import dev.mailroom.throttle.ThrottleUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends one claimed batch, on a thread of its own: waits for a conversation with the tenant's server (bounded),
 * sends over one connection while the lease leaves time for another message, marks accepted ones SENT as they
 * go ({@link SentMarks}), then records the failures and hands back what it did not get to.
 */
final class BatchSender {

    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final TenantMailTargets targets;
    private final BatchDelivery delivery;
    private final BatchOutcomes outcomes;
    private final OutboxStore store;
    private final SealedLinks links;
    private final DeliveryMetrics metrics;
    private final DeliverySlots slots;
    private final ScheduledExecutorService markWriter;
    private final OutboxProperties properties;
    private final Duration messageDeadline;
    private final Clock clock;
    private final String node;
    private final SendingPace pace;

    /** A pause between two messages waited for in the conversation; a longer one ends the batch. */
    private static final Duration LONGEST_PACING_WAIT = Duration.ofSeconds(5);

    BatchSender(
            TenantMailTargets targets,
            BatchDelivery delivery,
            BatchOutcomes outcomes,
            OutboxStore store,
            SealedLinks links,
            DeliveryMetrics metrics,
            DeliverySlots slots,
            ScheduledExecutorService markWriter,
            OutboxProperties properties,
            Duration messageDeadline,
            Clock clock,
            String node,
            SendingPace pace) {
        this.pace = pace;
        this.targets = targets;
        this.delivery = delivery;
        this.outcomes = outcomes;
        this.store = store;
        this.links = links;
        this.metrics = metrics;
        this.slots = slots;
        this.markWriter = markWriter;
        this.properties = properties;
        this.messageDeadline = messageDeadline;
        this.clock = clock;
        this.node = node;
    }

    void send(List<OutboxMessage> batch) {
        UUID tenant = batch.getFirst().tenantId();
        // Every log line about this batch names its tenant and the batch (structured logs make them fields).
        try (var t = MDC.putCloseable("tenant", tenant.toString());
                var d = MDC.putCloseable("delivery", UUID.randomUUID().toString())) {
            sendAndRecord(tenant, batch);
        }
    }

    private void sendAndRecord(UUID tenant, List<OutboxMessage> batch) {
        // Another message is started only while it can finish before the claim runs out (and another node may
        // take the message); a lease too short for that still lets the first message of each batch go.
        var claimedAt = clock.instant();
        var stopStartingAt = claimedAt.plus(
                max(properties.lease().dividedBy(2), properties.lease().minus(messageDeadline)));
        List<DeliveryOutcome> results;
        var marks = new SentMarks(store, node, markWriter);
        String destination = "";
        String shownAs = "";
        try {
            var service = targets.effective(tenant);
            var target = service.target();
            var rate = service.rate();
            destination = target.host() + ":" + target.port();
            // A pause is shown to the tenant by the server's name, but the default service's is the operator's.
            shownAs = service.operators() ? "" : destination;
            if (!slots.tryTakeDestination(destination, properties.lease().dividedBy(4))) {
                log.info(
                        "No conversation with {} came free for tenant {}; its mail waits for the next claim",
                        target.host(),
                        tenant);
                results = all(batch, DeliveryOutcome.Deferred.NOW);
            } else {
                try {
                    results = delivery.deliver(
                            target,
                            batch.stream()
                                    .map(m -> new OutgoingMail(
                                            m.recipient(),
                                            m.subject(),
                                            links.bodyToSend(m),
                                            m.messageId(),
                                            m.html(),
                                            m.replyTo()))
                                    .toList(),
                            (sent, index) -> {
                                var message = batch.get(index);
                                metrics.sent(message.kind(), Duration.between(message.createdAt(), clock.instant()));
                                marks.accepted(message.id());
                            },
                            sentSoFar -> sentSoFar > 0 && !clock.instant().isBefore(stopStartingAt)
                                    ? Optional.of(Duration.ZERO)
                                    : paced(tenant, rate, stopStartingAt));
                } finally {
                    slots.releaseDestination(destination);
                }
            }
        } catch (NoMailServiceException e) {
            results = all(batch, failed("status.reason.no-mail-service", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results = all(batch, DeliveryOutcome.Deferred.NOW);
        } catch (RuntimeException e) {
            log.error("Delivery of {} message(s) of tenant {} failed unexpectedly", batch.size(), tenant, e);
            results = all(batch, failed("mail.explain.unexpected", e.getClass().getSimpleName()));
        }
        marks.finish();
        outcomes.record(tenant, shownAs, batch, results, node);
    }

    /**
     * Waits for the tenant's sending rate, when the wait is short and the claim lasts; a longer wait defers the
     * rest of the batch (due again when the rate allows), so that no conversation is held open for minutes.
     */
    private Optional<Duration> paced(UUID tenant, SendingRate rate, Instant stopStartingAt) {
        if (!rate.paced()) {
            return Optional.empty();
        }
        try {
            while (true) {
                var wait = pace.take(tenant, rate.perMinute(), rate.perDay());
                if (wait.isZero()) {
                    return Optional.empty();
                }
                if (wait.compareTo(LONGEST_PACING_WAIT) > 0
                        || !clock.instant().plus(wait).isBefore(stopStartingAt)) {
                    return Optional.of(wait);
                }
                Thread.sleep(wait); // the pace itself, on this batch's virtual thread
            }
        } catch (ThrottleUnavailableException e) {
            log.warn("The sending rate of tenant {} could not be counted; its mail waits", tenant);
            return Optional.of(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Duration.ZERO);
        }
    }

    private static DeliveryOutcome failed(String explanationKey, String detail) {
        return new DeliveryOutcome.Failed(false, explanationKey, detail);
    }

    /** The same outcome for each message of the batch. */
    private static List<DeliveryOutcome> all(List<OutboxMessage> batch, DeliveryOutcome outcome) {
        return batch.stream().map(m -> outcome).toList();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
