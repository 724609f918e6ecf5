package dev.mailroom.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Marks a batch's accepted messages SENT in small groups, on a thread of their own, while the next messages
 * go out (decision 007). The crash bound is kept by the sender, not hoped for: {@link #accepted} returns (so
 * the next message goes out) only while fewer than {@link #GROUP} accepted messages are unmarked and none of
 * them was accepted {@link #WINDOW} ago or longer. A node killed mid-batch therefore sends again at most 16
 * accepted messages from at most 50 ms of sending (plus the one in flight), each with its Message-ID, so
 * receivers can drop the copy. To keep the sender busy while a group is written, groups are half that: written
 * at {@code GROUP / 2} messages or when their first is {@code WINDOW / 2} old. A slow database slows the
 * sending instead of widening the bound. Nothing accepted is left unmarked on a clean stop: {@link #finish}
 * writes the rest.
 */
final class SentMarks {

    static final int GROUP = 16;
    static final Duration WINDOW = Duration.ofMillis(50);

    private static final int HALF_GROUP = GROUP / 2;
    private static final long HALF_WINDOW_NANOS = WINDOW.toNanos() / 2;

    private final OutboxStore store;
    private final String node;
    private final ScheduledExecutorService writer;
    private final List<UUID> pending = new ArrayList<>();
    private long pendingSince;
    /** When the first message of each group handed to the writer and not yet written was accepted, oldest first. */
    private final ArrayDeque<Long> writingSince = new ArrayDeque<>();

    private int writing;
    private @Nullable RuntimeException failure;
    private @Nullable ScheduledFuture<?> timer;

    SentMarks(OutboxStore store, String node, ScheduledExecutorService writer) {
        this.store = store;
        this.node = node;
        this.writer = writer;
    }

    /**
     * The server accepted this message. Waits, if it must, until sending the next one keeps the crash bound.
     *
     * @throws IllegalStateException a mark could not be written (the database is gone): no more messages may go
     *     out, since nothing would record them; what is unmarked is sent again after the lease
     */
    synchronized void accepted(UUID message) {
        if (pending.isEmpty()) {
            pendingSince = System.nanoTime();
            timer = writer.schedule(this::writeOnTime, HALF_WINDOW_NANOS, TimeUnit.NANOSECONDS);
        }
        pending.add(message);
        if (pending.size() >= HALF_GROUP) {
            handOver();
        }
        try {
            while (failure == null && !roomForTheNext()) {
                wait(TimeUnit.NANOSECONDS.toMillis(HALF_WINDOW_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("Could not mark sent messages", failure);
        }
    }

    /** Writes what is pending and returns once every group of this batch is written. */
    synchronized void finish() {
        handOver();
        try {
            while (writing > 0) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failure != null) {
            throw new IllegalStateException("Could not mark sent messages", failure);
        }
    }

    private boolean roomForTheNext() {
        if (writing + pending.size() >= GROUP) {
            return false;
        }
        long oldest = writingSince.isEmpty() ? pendingSince : writingSince.getFirst();
        if (writing + pending.size() > 0 && System.nanoTime() - oldest >= WINDOW.toNanos()) {
            // The writer's timer is late (a busy machine): the pending group goes now.
            if (writingSince.isEmpty()) {
                handOver();
            }
            return false;
        }
        return true;
    }

    private synchronized void writeOnTime() {
        timer = null;
        handOver();
    }

    private void handOver() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (pending.isEmpty()) {
            return;
        }
        var group = List.copyOf(pending);
        pending.clear();
        writing += group.size();
        writingSince.addLast(pendingSince);
        // One writer thread: groups are written in the order they were handed over.
        writer.execute(() -> write(group));
    }

    private void write(List<UUID> group) {
        RuntimeException failed = null;
        try {
            store.markSent(group, node);
        } catch (RuntimeException e) {
            failed = e;
        }
        synchronized (this) {
            writing -= group.size();
            writingSince.removeFirst();
            if (failed != null && failure == null) {
                failure = failed;
            }
            notifyAll();
        }
    }
}
