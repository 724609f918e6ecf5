package dev.mailroom.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Says so in the log whenever something waited more than a second for a pooled database connection: a page
 * that hangs for the pool's timeout is otherwise silent until the timeout, and the pool's numbers name the cause
 * (all connections busy, or none to be had).
 */
@Component
class SlowConnectionWarning implements BeanPostProcessor {

    static final Duration WARN_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SlowConnectionWarning.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            return new Timed(pool);
        }
        return bean;
    }

    /** The pool, timed; unwraps to the pool for metrics and health. */
    static final class Timed extends DelegatingDataSource {
        private final HikariDataSource pool;

        Timed(HikariDataSource pool) {
            super(pool);
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            long started = System.nanoTime();
            try {
                return super.getConnection();
            } finally {
                warnIfSlow(started);
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            long started = System.nanoTime();
            try {
                return super.getConnection(username, password);
            } finally {
                warnIfSlow(started);
            }
        }

        private void warnIfSlow(long started) {
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            if (waitedMs >= WARN_AFTER.toMillis()) {
                var state = pool.getHikariPoolMXBean();
                log.warn(
                        "Waited {} ms for a database connection on {} (pool {}: {} active, {} idle, {} waiting, max {})",
                        waitedMs,
                        Thread.currentThread().getName(),
                        pool.getPoolName(),
                        state == null ? "?" : state.getActiveConnections(),
                        state == null ? "?" : state.getIdleConnections(),
                        state == null ? "?" : state.getThreadsAwaitingConnection(),
                        pool.getMaximumPoolSize());
            }
        }
    }
}
