package dev.mailroom.outbox;

import dev.mailroom.mail.BatchDelivery;
import dev.mailroom.mail.DeliveryOutcome;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.secrets.SecretCipher;
import dev.mailroom.smtp.NoMailServiceException;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.tenant.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox mail. On every node: claim one tenant's due messages ({@code FOR UPDATE SKIP LOCKED}, so
 * two nodes never claim the same row), mark them SENDING with a lease, commit, send them over one
 * connection outside any transaction, then record each outcome. A node that dies mid-batch leaves SENDING
 * rows whose lease runs out; any node then claims them again (same Message-ID: at least once).
 */
@Component
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    // A suspended tenant's mail waits in the queue until the tenant is resumed.
    private static final String DUE = """
            ((state in ('QUEUED', 'RETRYING') and next_attempt_at <= clock_timestamp())
             or (state = 'SENDING' and lease_until < clock_timestamp()))
            and tenant_id not in (select id from tenant where suspended_at is not null)""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TenantMailTargets targets;
    private final BatchDelivery conversations;
    private final MailStatusService status;
    private final OutboxProperties properties;
    private final Backoff backoff;
    private final Clock clock;
    private final SecretCipher cipher;
    private final MeterRegistry meters;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean running;
    /** Set on shutdown: the batch in flight finishes, no new one is claimed. */
    private volatile boolean stopping;

    OutboxDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            TenantMailTargets targets,
            BatchDelivery conversations,
            MailStatusService status,
            OutboxProperties properties,
            Clock clock,
            SecretCipher cipher,
            MeterRegistry meters) {
        this.cipher = cipher;
        this.meters = meters;
        for (var kind : MailKind.values()) {
            meters.counter("mailroom.mail.sent", "kind", kind.tag());
            meters.timer("mailroom.mail.delivery", "kind", kind.tag());
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.targets = targets;
        this.conversations = conversations;
        this.status = status;
        this.properties = properties;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetryDelay());
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
        scheduler.scheduleWithFixedDelay(
                this::purgeQuietly, java.time.Instant.now().plusSeconds(60), PURGE_EVERY);
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
            deleted = TenantContext.callAsOutboxDispatcher(() -> transaction.execute(tx -> jdbc.sql("""
                            delete from outbox_message where id in (
                                select id from outbox_message where state in ('SENT', 'FAILED')
                                and created_at < clock_timestamp() - make_interval(secs => :retention) limit 1000)""")
                    .param("retention", properties.retention().toSeconds())
                    .update()));
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
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
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
        return TenantContext.callAsOutboxDispatcher(() -> transaction.execute(tx -> {
            UUID tenant = jdbc.sql("select tenant_id from outbox_message where " + DUE
                            + " order by next_attempt_at limit 1 for update skip locked")
                    .query(UUID.class)
                    .optional()
                    .orElse(null);
            if (tenant == null) {
                return List.<OutboxMessage>of();
            }
            return jdbc
                    .sql("""
                            update outbox_message set state = 'SENDING', attempts = attempts + 1, claimed_by = :node,
                                   lease_until = clock_timestamp() + make_interval(secs => :lease)
                            where id in (select id from outbox_message where tenant_id = :tenant and\s""" + DUE + """
                                         order by created_at limit :batch for update skip locked)
                            returning *""")
                    .param("node", node)
                    .param("lease", properties.lease().toSeconds())
                    .param("tenant", tenant)
                    .param("batch", properties.batchSize())
                    .query(OutboxDispatcher::map)
                    .list()
                    .stream()
                    .sorted(java.util.Comparator.comparing(OutboxMessage::createdAt))
                    .toList();
        }));
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
        try {
            var target = targets.effective(tenant);
            outcomes = conversations.deliver(
                    target,
                    batch.stream()
                            .map(m -> new OutgoingMail(m.recipient(), m.subject(), bodyToSend(m), m.messageId()))
                            .toList(),
                    (sent, index) -> recordSent(batch.get(index)));
        } catch (NoMailServiceException e) {
            outcomes = batch.stream()
                    .<DeliveryOutcome>map(m -> new DeliveryOutcome.Failed(
                            false, "status.reason.no-mail-service", String.valueOf(e.getMessage())))
                    .toList();
        } catch (RuntimeException e) {
            log.error("Delivery of {} message(s) of tenant {} failed unexpectedly", batch.size(), tenant, e);
            outcomes = batch.stream()
                    .<DeliveryOutcome>map(m -> new DeliveryOutcome.Failed(
                            false, "mail.explain.unexpected", e.getClass().getSimpleName()))
                    .toList();
        }
        record(tenant, batch, outcomes);
    }

    /** The body as the recipient gets it: the sealed one-time link opened into its place. */
    private String bodyToSend(OutboxMessage message) {
        if (message.link() == null) {
            return message.body();
        }
        String link = cipher.open(message.link(), Outbox.boundTo(message.tenantId(), message.id()));
        return message.body().replace(Outbox.LINK_PLACEHOLDER, link);
    }

    /**
     * A message the server accepted is marked SENT at once, in a transaction of its own: a node killed later
     * in the batch must not leave it SENDING, or it would be sent again. Only the message in flight at a
     * crash can arrive twice.
     */
    private void recordSent(OutboxMessage message) {
        String kind = message.kind().tag();
        meters.counter("mailroom.mail.sent", "kind", kind).increment();
        meters.timer("mailroom.mail.delivery", "kind", kind)
                .record(Duration.between(message.createdAt(), clock.instant()));
        TenantContext.callAsOutboxDispatcher(() -> transaction.execute(tx ->
                jdbc.sql("""
                        update outbox_message set state = 'SENT', lease_until = null, sent_at = clock_timestamp(),
                               link_ciphertext = null, link_key_id = null
                        where id = :id and claimed_by = :node and state = 'SENDING'""").param("id", message.id()).param("node", node).update()));
    }

    /** A batch's failures in one transaction, and the tenant's status from the whole batch. */
    private void record(UUID tenant, List<OutboxMessage> batch, List<DeliveryOutcome> outcomes) {
        boolean anySent = false;
        DeliveryOutcome.Failed alarming = null;
        var updates = new java.util.ArrayList<Outcome>();
        for (int i = 0; i < batch.size(); i++) {
            var message = batch.get(i);
            switch (outcomes.get(i)) {
                case DeliveryOutcome.Sent sent -> anySent = true;
                case DeliveryOutcome.Failed failed -> {
                    boolean giveUp = failed.permanent() || message.attempts() >= properties.maxAttempts();
                    meters.counter(
                                    giveUp ? "mailroom.mail.failed" : "mailroom.mail.retried",
                                    "kind",
                                    message.kind().tag(),
                                    "reason",
                                    reasonTag(failed.explanationKey()))
                            .increment();
                    updates.add(new Outcome(
                            message,
                            giveUp ? "FAILED" : "RETRYING",
                            giveUp ? null : Timestamp.from(clock.instant().plus(backoff.after(message.attempts()))),
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
        // Only rows this node still holds are written: if its lease ran out and another node claimed them
        // meanwhile, that node's outcome counts.
        TenantContext.callAsOutboxDispatcher(() -> transaction.execute(tx -> {
            for (var u : updates) {
                jdbc.sql("""
                                update outbox_message set state = :state, lease_until = null,
                                       next_attempt_at = coalesce(:next, next_attempt_at),
                                       last_error_key = :key, last_error = :detail
                                where id = :id and claimed_by = :node and state = 'SENDING'""")
                        .param("state", u.state())
                        .param("next", u.nextAttempt())
                        .param("key", u.errorKey())
                        .param("detail", u.detail())
                        .param("id", u.message().id())
                        .param("node", node)
                        .update();
            }
            return null;
        }));
        var problem = alarming;
        boolean success = anySent;
        TenantContext.callAsTenant(tenant, () -> {
            if (problem != null) {
                status.recordProblem(
                        MailHealth.ERROR, StatusSource.DELIVERY, problem.explanationKey(), problem.detail());
            } else if (success) {
                status.recordSuccess(StatusSource.DELIVERY);
            }
            return null;
        });
    }

    /** "mail.explain.bad-credentials" → "bad-credentials": one of the explanations, a bounded set. */
    private static String reasonTag(String explanationKey) {
        return explanationKey.substring(explanationKey.lastIndexOf('.') + 1);
    }

    private record Outcome(
            OutboxMessage message, String state, @Nullable Timestamp nextAttempt, String errorKey, String detail) {}

    static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMessage(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("message_id"),
                MailKind.valueOf(rs.getString("kind")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error_key"),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getBytes("link_ciphertext") == null
                        ? null
                        : new SealedSecret(rs.getString("link_key_id"), rs.getBytes("link_ciphertext")));
    }
}
