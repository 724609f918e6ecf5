package dev.mailroom.smtp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Which default mail service tenants without custom settings get. Without one their product mail waits:
 * UNKNOWN, which informs operators without taking the node out of service.
 */
@Component("defaultMailService")
class DefaultMailServiceHealth implements HealthIndicator {

    private final TenantMailTargets targets;

    DefaultMailServiceHealth(TenantMailTargets targets) {
        this.targets = targets;
    }

    @Override
    public Health health() {
        var kind = targets.defaultService();
        var health = kind == MailServiceInUse.NONE
                ? Health.unknown()
                        .withDetail("reason", "no default mail service: mail of tenants without custom settings waits")
                : Health.up();
        String address = targets.defaultServiceAddress();
        return health.withDetail("kind", kind.name())
                .withDetail("address", address == null ? "none" : address)
                .build();
    }
}
