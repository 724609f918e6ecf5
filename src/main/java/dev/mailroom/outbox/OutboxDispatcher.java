package dev.mailroom.outbox;

import dev.mailroom.mail.BatchDelivery;
import dev.mailroom.mail.MailProperties;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.throttle.SendingPace;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends due outbox mail. On every node: claim one tenant's due messages ({@code FOR UPDATE SKIP LOCKED}, so
 * two nodes never claim the same row), mark them SENDING with a lease, commit, and send them over one connection
 * on a virtual thread of their own ({@link BatchSender}), outside any transaction. Many batches go at once, up to
 * the node's, each tenant's and each server's share ({@link DeliverySlots}); a tenant at its share is passed by
 * in the next claim, so one tenant's slow or hostile server delays only that tenant's mail. A node that dies
 * mid-batch leaves SENDING rows whose lease runs out; any node then claims them again (same Message-ID: at
 * least once, at most one small group of each batch twice).
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final OutboxStore store;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    /** Writes SENT marks while the next messages go out; lives as long as the bean (tests dispatch by hand). */
    private final ScheduledExecutorService markWriter = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox-marks").factory());

    private final DeliverySlots slots;
    private final OutboxRetention retention;
    private final BatchSender sender;
    private final DispatchPass pass;
    private volatile boolean running;

    OutboxDispatcher(
            OutboxStore store,
            DeliveryPauses pauses,
            TenantMailTargets targets,
            BatchDelivery delivery,
            MailStatusService status,
            OutboxProperties properties,
            MailProperties mail,
            Clock clock,
            SealedLinks links,
            SendingPace pace,
            MeterRegistry meters) {
        var metrics = new DeliveryMetrics(meters);
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.slots = new DeliverySlots(properties);
        this.retention = new OutboxRetention(store, properties);
        this.sender = new BatchSender(
                targets,
                delivery,
                new BatchOutcomes(store, pauses, status, properties, clock, metrics),
                store,
                links,
                metrics,
                slots,
                markWriter,
                properties,
                mail.messageDeadline(),
                clock,
                node,
                pace);
        this.pass = new DispatchPass(slots, sender, this::claim, properties.pollInterval());
        meters.gauge("mailroom.outbox.conversations", slots, DeliverySlots::open);
        scheduler.setThreadNamePrefix("outbox-");
        // Two: a pass may run for as long as mail keeps coming, and the hourly purge must not wait for it.
        scheduler.setPoolSize(2);
    }

    @Override
    public void start() {
        // A stopped context may be started again (Spring's test context cache pauses and resumes contexts).
        pass.resume();
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::dispatchQuietly, properties.pollInterval());
        scheduler.scheduleWithFixedDelay(
                () -> retention.purgeQuietly(() -> running), clock.instant().plusSeconds(60), PURGE_EVERY);
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
        running = false;
        log.info("Outbox stopping: claiming nothing more, finishing the batches in flight");
        pass.stop();
        scheduler.shutdown();
        try {
            long until = System.nanoTime() + properties.lease().toNanos();
            boolean finished = scheduler
                    .getScheduledExecutor()
                    .awaitTermination(properties.lease().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished || !pass.awaitIdle(until)) {
                log.warn(
                        "Outbox batches in flight did not finish within {}; their unsent messages go to another node",
                        properties.lease());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        pass.close();
        markWriter.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Deletes sent and failed messages older than the retention; returns how many. */
    int purgeExpired() {
        return retention.purge(() -> running);
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
            pass.nudge();
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

    /**
     * Sends every due message and returns once nothing is due or in flight (see {@link DispatchPass}); returns how
     * many messages were claimed.
     */
    public int dispatchDue() {
        return pass.run();
    }

    /**
     * One tenant's due messages, oldest first, claimed for this node until the lease runs out; tenants already at
     * their share of this node are passed by.
     */
    List<OutboxMessage> claim() {
        return store.claim(node, properties.lease(), properties.batchSize(), slots.tenantsAtLimit());
    }
}
