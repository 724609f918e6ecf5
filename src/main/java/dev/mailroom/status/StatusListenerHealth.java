package dev.mailroom.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: a node whose status listener lost its connection would show admins stale badges, so it asks
 * the load balancer for no new sessions until the listener is back (it reconnects by itself).
 */
@Component("mailStatusListener")
class StatusListenerHealth implements HealthIndicator {

    private final StatusChangeListener listener;
    private final MailStatusBroadcaster broadcaster;

    StatusListenerHealth(StatusChangeListener listener, MailStatusBroadcaster broadcaster) {
        this.listener = listener;
        this.broadcaster = broadcaster;
    }

    @Override
    public Health health() {
        var health = listener.connected() ? Health.up() : Health.down().withDetail("reason", "no LISTEN connection");
        return health.withDetail("watchedTenants", broadcaster.watchedTenants()).build();
    }
}
