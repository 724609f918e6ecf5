package dev.mailroom.status;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One connection per node that LISTENs for mail status changes (and SMTP settings changes). Every status write
 * NOTIFYs with the tenant id inside its transaction, so PostgreSQL delivers it on commit, to every node alike
 * (this one included). The connection is its own (not from the pool, which it would hold forever); when it
 * breaks it is opened again and every watched tenant is re-read, because notifications sent meanwhile are lost.
 */
@Component
class StatusChangeListener implements SmartLifecycle {

    static final String CHANNEL = "mail_status_changed";
    /**
     * A tenant's SMTP settings changed. A channel of its own, not a payload on the status channel: a node of the
     * previous version ignores it during a rolling update instead of failing to read it.
     */
    static final String SETTINGS_CHANNEL = "smtp_settings_changed";

    private static final Logger log = LoggerFactory.getLogger(StatusChangeListener.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    /** A connection that only waits for notifications would not notice a dead peer; it is asked this often. */
    private static final Duration PROBE = Duration.ofSeconds(5);
    /** Unanswered for this long, the listener counts as down (readiness says so). */
    static final Duration STALE = Duration.ofSeconds(15);

    static final String APPLICATION_NAME = "mailroom-status-listener";
    private final MailStatusBroadcaster broadcaster;
    private final String url;
    private final Properties connection;
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    /** When the listening connection last answered (System.nanoTime); 0 while it is not connected. */
    private volatile long aliveAt;

    StatusChangeListener(MailStatusBroadcaster broadcaster, DataSource dataSource) throws SQLException {
        this.broadcaster = broadcaster;
        var pool = dataSource.unwrap(HikariDataSource.class);
        this.url = pool.getJdbcUrl();
        this.connection = connectionProperties(pool);
    }

    /**
     * The pool's own connection settings (user, SSL and the rest of spring.datasource.hikari.data-source-properties,
     * its connect timeout), so the listener reaches the database the way every other connection does; plus TCP
     * keep-alive, since it mostly waits.
     */
    static Properties connectionProperties(HikariDataSource pool) {
        var properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.putIfAbsent("connectTimeout", String.valueOf(Math.max(1, pool.getConnectionTimeout() / 1000)));
        properties.putIfAbsent("tcpKeepAlive", "true");
        // Operators (and a test that ends it) find the listening connection by its name in pg_stat_activity.
        properties.putIfAbsent("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("mail-status-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        var t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the listening connection answered lately: without it, this node's badges go stale. */
    boolean connected() {
        long at = aliveAt;
        return running && at != 0 && System.nanoTime() - at < STALE.toNanos();
    }

    private void listen() {
        boolean reconnecting = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, this.connection)) {
                try (var st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                    st.execute("LISTEN " + SETTINGS_CHANNEL);
                }
                if (reconnecting) {
                    log.info("Mail status listener reconnected; re-reading every watched tenant");
                    broadcaster.refreshAll();
                }
                var pg = connection.unwrap(PGConnection.class);
                aliveAt = System.nanoTime();
                while (running) {
                    if (System.nanoTime() - aliveAt > PROBE.toNanos()) {
                        try (var st = connection.createStatement()) {
                            st.execute("select 1");
                        }
                        aliveAt = System.nanoTime();
                    }
                    var notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null) {
                        for (var n : notifications) {
                            var tenant = UUID.fromString(n.getParameter());
                            if (n.getName().equals(SETTINGS_CHANNEL)) {
                                broadcaster.settingsChanged(tenant);
                            } else {
                                broadcaster.refresh(tenant);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                aliveAt = 0;
                if (!running) {
                    return;
                }
                log.warn("Mail status listener lost its connection ({}); reconnecting", e.getMessage());
                reconnecting = true;
                try {
                    // A pause between attempts, so a database that is down is not hammered.
                    Thread.sleep(RECONNECT_PAUSE);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
