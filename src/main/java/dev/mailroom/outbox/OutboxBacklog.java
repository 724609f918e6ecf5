package dev.mailroom.outbox;

import dev.mailroom.tenant.TenantContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How much product mail waits, and how long the oldest due message has waited: for operators' health
 * details and metrics. It informs and never takes a node out of service: a backlog is the mail servers'
 * problem, and every node can help clear it.
 */
@Component("outboxHealthIndicator")
public class OutboxBacklog implements HealthIndicator {

    /** @param oldestDue how long the oldest message that is due has waited; zero when none is due */
    public record Backlog(long waiting, Duration oldestDue) {}

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private volatile Backlog lastRead = new Backlog(0, Duration.ZERO);
    private volatile long lastReadAt;

    OutboxBacklog(JdbcClient jdbc, TransactionTemplate transaction, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        Gauge.builder("mailroom.mail.waiting", this, b -> b.recent().waiting())
                .description("Product mail queued, retrying or being sent (all nodes)")
                .register(meters);
        Gauge.builder(
                        "mailroom.mail.oldest.due",
                        this,
                        b -> b.recent().oldestDue().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest due message has waited (all nodes)")
                .register(meters);
    }

    /** One query serves both gauges of a scrape. */
    private Backlog recent() {
        if (System.nanoTime() - lastReadAt > FRESH_FOR.toNanos()) {
            lastRead = now();
            lastReadAt = System.nanoTime();
        }
        return lastRead;
    }

    public Backlog now() {
        return TenantContext.callAsOutboxDispatcher(() -> transaction.execute(tx -> jdbc.sql("""
                        select count(*) as waiting,
                               coalesce(extract(epoch from clock_timestamp() - min(next_attempt_at)
                                        filter (where next_attempt_at <= clock_timestamp())), 0) as oldest_due
                        from outbox_message where state in ('QUEUED', 'RETRYING', 'SENDING')""")
                .query((rs, n) -> new Backlog(
                        rs.getLong("waiting"), Duration.ofMillis(Math.round(rs.getDouble("oldest_due") * 1000))))
                .single()));
    }

    @Override
    public Health health() {
        var backlog = now();
        return Health.up()
                .withDetail("waiting", backlog.waiting())
                .withDetail("oldestDueSeconds", backlog.oldestDue().toSeconds())
                .build();
    }
}
