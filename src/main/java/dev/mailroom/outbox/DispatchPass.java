package dev.mailroom.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's dispatch pass: claims batches while the node has a free conversation, runs each on a virtual thread of
 * its own, and claims again as soon as one ends or mail is queued (not at the next poll).
 */
final class DispatchPass {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final DeliverySlots slots;
    private final BatchSender sender;
    private final Supplier<List<OutboxMessage>> claim;
    private final long pollMillis;
    /** Blocking Angus I/O on a virtual thread per batch: a conversation that waits costs no platform thread. */
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("outbox-send-", 0).factory());
    /** Told when a batch ends or mail is queued: the pass claims again at once. */
    private final BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();

    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Set on shutdown: the batches in flight finish, no new one is claimed. */
    private volatile boolean stopping;

    DispatchPass(DeliverySlots slots, BatchSender sender, Supplier<List<OutboxMessage>> claim, Duration pollInterval) {
        this.slots = slots;
        this.sender = sender;
        this.claim = claim;
        this.pollMillis = pollInterval.toMillis();
    }

    /** Look again now: something was queued, or a batch ended. */
    void nudge() {
        changes.offer(true);
    }

    void stop() {
        stopping = true;
        nudge();
    }

    /** A stopped context may be started again (Spring's test context cache pauses and resumes contexts). */
    void resume() {
        stopping = false;
    }

    /** Waits for the batches in flight (a pass run by hand on another thread may have started some). */
    boolean awaitIdle(long untilNanos) throws InterruptedException {
        return slots.awaitNoneOpen(untilNanos, changes);
    }

    void close() {
        senders.shutdown();
    }

    /**
     * Sends every due message: claims batches while the node has room and starts each on its own virtual thread,
     * claims again whenever one ends, and returns once nothing is due or in flight. One pass at a time per node
     * (a second caller only asks the running pass to look again). Returns how many messages were claimed.
     */
    int run() {
        if (!busy.compareAndSet(false, true)) {
            again.set(true);
            changes.offer(true);
            return 0;
        }
        int claimed = 0;
        var inFlight = new AtomicInteger();
        changes.clear();
        try {
            do {
                again.set(false);
                claimed += startWhatFits(inFlight);
                if (inFlight.get() > 0) {
                    changes.poll(pollMillis, TimeUnit.MILLISECONDS);
                    changes.clear();
                    again.set(true);
                }
            } while (again.get() && !stopping);
            while (inFlight.get() > 0) {
                changes.poll(pollMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            busy.set(false);
        }
        return claimed;
    }

    /** Claims and starts batches while the node has a free conversation and something is due. */
    private int startWhatFits(AtomicInteger inFlight) {
        int claimed = 0;
        while (!stopping && slots.tryTakeNode()) {
            List<OutboxMessage> batch;
            try {
                batch = claim.get();
            } catch (RuntimeException e) {
                slots.releaseNode();
                throw e;
            }
            if (batch.isEmpty()) {
                slots.releaseNode();
                break;
            }
            UUID tenant = batch.getFirst().tenantId();
            slots.tenantStarted(tenant);
            inFlight.incrementAndGet();
            claimed += batch.size();
            senders.execute(() -> {
                try {
                    sender.send(batch);
                } catch (RuntimeException e) {
                    log.error("An outbox batch of tenant {} failed; its lease hands it to the next claim", tenant, e);
                } finally {
                    slots.tenantEnded(tenant);
                    slots.releaseNode();
                    inFlight.decrementAndGet();
                    changes.offer(true);
                }
            });
        }
        return claimed;
    }
}
