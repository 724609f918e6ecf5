package dev.mailroom.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * How many delivery conversations this node has open: in all, per tenant and per destination server. One
 * tenant's slow or hostile server then holds at most its tenant's share of the node, and a shared relay (the
 * default service, a big provider) is not flooded by every tenant at once. The limits are per node, as a real
 * MTA's are; every node has its own.
 */
final class DeliverySlots {

    private final Semaphore node;
    private final int perTenant;
    private final int perDestination;
    private final Map<UUID, Integer> tenants = new ConcurrentHashMap<>();
    /** Open conversations per server; a lock and condition rather than a monitor, so virtual threads never pin. */
    private final Map<String, Integer> destinations = new HashMap<>();

    private final ReentrantLock destinationLock = new ReentrantLock();
    private final Condition destinationFreed = destinationLock.newCondition();

    DeliverySlots(OutboxProperties properties) {
        this.node = new Semaphore(properties.concurrency());
        this.perTenant = properties.perTenant();
        this.perDestination = properties.perDestination();
    }

    /** A conversation may start for some tenant not yet at its limit. */
    boolean tryTakeNode() {
        return node.tryAcquire();
    }

    void releaseNode() {
        node.release();
    }

    /** Tenants with as many conversations open here as they may have: the next claim passes them by. */
    Set<UUID> tenantsAtLimit() {
        return tenants.entrySet().stream()
                .filter(e -> e.getValue() >= perTenant)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    void tenantStarted(UUID tenant) {
        tenants.merge(tenant, 1, Integer::sum);
    }

    void tenantEnded(UUID tenant) {
        tenants.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Waits up to {@code wait} for a conversation with this server ("host:port").
     *
     * @return false when none came free in time: the caller hands its messages back to the queue
     */
    boolean tryTakeDestination(String destination, Duration wait) throws InterruptedException {
        long left = wait.toNanos();
        destinationLock.lock();
        try {
            while (destinations.getOrDefault(destination, 0) >= perDestination) {
                if (left <= 0) {
                    return false;
                }
                left = destinationFreed.awaitNanos(left);
            }
            destinations.merge(destination, 1, Integer::sum);
            return true;
        } finally {
            destinationLock.unlock();
        }
    }

    void releaseDestination(String destination) {
        destinationLock.lock();
        try {
            // A server with no conversation open is forgotten: the map holds only what is open now.
            destinations.computeIfPresent(destination, (d, n) -> n <= 1 ? null : n - 1);
            destinationFreed.signalAll();
        } finally {
            destinationLock.unlock();
        }
    }

    /** Servers with a conversation open now (for tests: the map does not grow with every server ever used). */
    int destinationsOpen() {
        destinationLock.lock();
        try {
            return destinations.size();
        } finally {
            destinationLock.unlock();
        }
    }

    /** Conversations open now, for the gauge. */
    int open() {
        return tenants.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Waits for the batches in flight (a pass run by hand on another thread may have started some), waking when
     * {@code changes} says a batch ended.
     */
    boolean awaitNoneOpen(long untilNanos, java.util.concurrent.BlockingQueue<Boolean> changes)
            throws InterruptedException {
        while (open() > 0) {
            if (System.nanoTime() >= untilNanos) {
                return false;
            }
            changes.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return true;
    }
}
