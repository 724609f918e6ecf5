package dev.mailroom.outbox;

import dev.mailroom.mail.BatchDelivery;
import dev.mailroom.mail.DeliveryOutcome;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.smtp.NoMailServiceException;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.status.MailStatusService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends due outbox mail. On every node: claim one tenant's due messages ({@code FOR UPDATE SKIP LOCKED}, so
 * two nodes never claim the same row), mark them SENDING with a lease, commit, send them over one
 * connection outside any transaction, marking accepted ones SENT in small groups meanwhile ({@link SentMarks}),
 * then record the failures. A node that dies mid-batch leaves SENDING rows whose lease runs out; any node then
 * claims them again (same Message-ID: at least once, at most one small group twice).
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private final OutboxStore store;
    private final TenantMailTargets targets;
    private final BatchDelivery delivery;
    private final BatchOutcomes outcomesRecord;
    private final OutboxProperties properties;
    private final Clock clock;
    private final SealedLinks links;
    private final DeliveryMetrics metrics;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    /** Writes SENT marks while the next messages go out; lives as long as the bean (tests dispatch by hand). */
    private final ScheduledExecutorService markWriter = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox-marks").factory());

    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean running;
    /** Set on shutdown: the batch in flight finishes, no new one is claimed. */
    private volatile boolean stopping;

    OutboxDispatcher(
            OutboxStore store,
            TenantMailTargets targets,
            BatchDelivery delivery,
            MailStatusService status,
            OutboxProperties properties,
            Clock clock,
            SealedLinks links,
            MeterRegistry meters) {
        this.links = links;
        this.metrics = new DeliveryMetrics(meters);
        this.store = store;
        this.targets = targets;
        this.delivery = delivery;
        this.properties = properties;
        this.outcomesRecord = new BatchOutcomes(store, status, properties, clock, metrics);
        this.clock = clock;
        scheduler.setThreadNamePrefix("outbox-");
        scheduler.setPoolSize(1);
    }

    @Override
    public void start() {
        // A stopped context may be started again (Spring's test context cache pauses and resumes contexts).
        stopping = false;
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::dispatchQuietly, properties.pollInterval());
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, clock.instant().plusSeconds(60), PURGE_EVERY);
        running = true;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    /**
     * Graceful: no new claims, and the batch in flight is finished (each accepted message marked SENT) before
     * this returns, so before the database pool closes. A batch still going after one lease is left to the
     * lease: another node takes its unfinished messages then.
     */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        log.info("Outbox stopping: claiming nothing more, finishing the batch in flight");
        scheduler.shutdown();
        try {
            if (!scheduler
                    .getScheduledExecutor()
                    .awaitTermination(properties.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "The outbox batch in flight did not finish within {}; its unsent messages go to another node",
                        properties.lease());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        markWriter.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Deletes sent and failed messages older than the retention, a batch at a time: the Deliveries page shows
     * recent history, and nothing keeps old recipients and bodies for ever.
     *
     * @return how many were deleted
     */
    int purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeOlderThan(properties.retention(), 1000);
            total += deleted;
        } while (deleted == 1000 && running);
        if (total > 0) {
            log.info("Deleted {} delivered or failed outbox message(s) older than {}", total, properties.retention());
        }
        return total;
    }

    private void purgeQuietly() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            log.warn("Could not delete old outbox messages; will try again in an hour", e);
        }
    }

    /** Something is being queued in the current transaction: look as soon as it commits. */
    void wakeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    /** Something was queued: look now rather than at the next poll. */
    void wake() {
        if (running) {
            scheduler.execute(this::dispatchQuietly);
        }
    }

    private void dispatchQuietly() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            log.error("Outbox dispatch failed; the next poll tries again", e);
        }
    }

    /** Sends every due message, batch by batch; one pass at a time per node. Returns how many were attempted. */
    public int dispatchDue() {
        if (!busy.compareAndSet(false, true)) {
            again.set(true);
            return 0;
        }
        int attempted = 0;
        try {
            do {
                again.set(false);
                List<OutboxMessage> batch;
                while (!stopping && !(batch = claim()).isEmpty()) {
                    send(batch);
                    attempted += batch.size();
                }
            } while (again.get() && !stopping);
        } finally {
            busy.set(false);
        }
        return attempted;
    }

    /** One tenant's due messages, oldest first, claimed for this node until the lease runs out. */
    List<OutboxMessage> claim() {
        return store.claim(node, properties.lease(), properties.batchSize());
    }

    private void send(List<OutboxMessage> batch) {
        UUID tenant = batch.getFirst().tenantId();
        // Every log line about this batch names its tenant and the batch (structured logs make them fields).
        try (var t = MDC.putCloseable("tenant", tenant.toString());
                var d = MDC.putCloseable("delivery", UUID.randomUUID().toString())) {
            sendAndRecord(tenant, batch);
        }
    }

    private void sendAndRecord(UUID tenant, List<OutboxMessage> batch) {
        List<DeliveryOutcome> outcomes;
        var marks = new SentMarks(store, node, markWriter);
        try {
            var target = targets.effective(tenant);
            outcomes = delivery.deliver(
                    target,
                    batch.stream()
                            .map(m -> new OutgoingMail(m.recipient(), m.subject(), links.bodyToSend(m), m.messageId()))
                            .toList(),
                    (sent, index) -> {
                        var message = batch.get(index);
                        metrics.sent(message.kind(), Duration.between(message.createdAt(), clock.instant()));
                        marks.accepted(message.id());
                    });
        } catch (NoMailServiceException e) {
            outcomes = all(batch, "status.reason.no-mail-service", String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Delivery of {} message(s) of tenant {} failed unexpectedly", batch.size(), tenant, e);
            outcomes = all(batch, "mail.explain.unexpected", e.getClass().getSimpleName());
        }
        marks.finish();
        outcomesRecord.record(tenant, batch, outcomes, node);
    }

    /** The same retryable failure for each message of the batch. */
    private static List<DeliveryOutcome> all(List<OutboxMessage> batch, String explanationKey, String detail) {
        DeliveryOutcome failed = new DeliveryOutcome.Failed(false, explanationKey, detail);
        return batch.stream().map(m -> failed).toList();
    }
}
