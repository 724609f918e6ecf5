package dev.mailroom.status;

import dev.mailroom.tenant.TenantContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a tenant's fresh mail status to everyone on this node who watches that tenant (the open pages of
 * its admins). Fed by {@link StatusChangeListener}, which hears every change, from this node or another,
 * through PostgreSQL. Subscribers remove themselves (a UI on detach), so nothing outlives its page.
 */
@Component
public class MailStatusBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(MailStatusBroadcaster.class);
    private final MailStatusService statuses;
    private final ConcurrentHashMap<UUID, Set<Consumer<Optional<MailStatus>>>> watchers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Set<Runnable>> settingsWatchers = new ConcurrentHashMap<>();

    MailStatusBroadcaster(MailStatusService statuses, MeterRegistry meters) {
        this.statuses = statuses;
        Gauge.builder("mailroom.status.watchers", this, MailStatusBroadcaster::watcherCount)
                .description("Open admin pages on this node that show the live mail status")
                .register(meters);
        Gauge.builder("mailroom.status.watched.tenants", this, MailStatusBroadcaster::watchedTenants)
                .description("Tenants with at least one open admin page on this node")
                .register(meters);
    }

    /** Watches one tenant; call {@link Runnable#run()} on the result to stop (e.g. when the UI detaches). */
    public Runnable watch(UUID tenant, Consumer<Optional<MailStatus>> watcher) {
        return add(watchers, tenant, watcher);
    }

    /** Watches one tenant's SMTP settings for changes (a save or remove, on any node); stops like {@link #watch}. */
    public Runnable watchSettings(UUID tenant, Runnable watcher) {
        return add(settingsWatchers, tenant, watcher);
    }

    private static <T> Runnable add(ConcurrentHashMap<UUID, Set<T>> all, UUID tenant, T watcher) {
        all.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(watcher);
        return () -> all.computeIfPresent(tenant, (t, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** Tells the tenant's settings watchers (notifications carry only the tenant id: they re-read what they show). */
    void settingsChanged(UUID tenant) {
        for (var watcher : settingsWatchers.getOrDefault(tenant, Set.of())) {
            try {
                watcher.run();
            } catch (RuntimeException e) {
                log.warn("A settings watcher of tenant {} failed", tenant, e);
            }
        }
    }

    /** Re-reads the tenant's status (notifications carry only the tenant id) and tells its watchers. */
    void refresh(UUID tenant) {
        var set = watchers.get(tenant);
        if (set == null || set.isEmpty()) {
            return;
        }
        var status = TenantContext.callAsTenant(tenant, statuses::currentForTenant);
        for (var watcher : set) {
            try {
                watcher.accept(status);
            } catch (RuntimeException e) {
                log.warn("A mail status watcher of tenant {} failed", tenant, e);
            }
        }
    }

    /** After the listening connection was lost, changes may have been missed: re-read every watched tenant. */
    void refreshAll() {
        watchers.keySet().forEach(this::refresh);
        settingsWatchers.keySet().forEach(this::settingsChanged);
    }

    /** How many watchers are registered on this node (all tenants); a closed page must not stay counted. */
    /** How many tenants have an open admin page on this node. */
    public int watchedTenants() {
        return watchers.size();
    }

    public int watcherCount() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }
}
