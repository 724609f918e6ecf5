package dev.mailroom.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Marks a batch's accepted messages SENT in small groups, on a thread of their own, while the next messages
 * go out (decision 007): a group is written when it holds {@link #GROUP} messages or its first is {@link
 * #WINDOW} old, whichever comes first. A node killed mid-batch may therefore send an accepted but unmarked
 * group again (at most 16 messages, at most 50 ms of sending); each keeps its Message-ID, so receivers can drop
 * the copy. Nothing accepted is ever left unmarked on a clean stop: {@link #finish} writes the rest.
 */
final class SentMarks {

    static final int GROUP = 16;
    static final Duration WINDOW = Duration.ofMillis(50);

    private final OutboxStore store;
    private final String node;
    private final ScheduledExecutorService writer;
    private final List<UUID> pending = new ArrayList<>();
    private final List<Future<?>> writes = new ArrayList<>();
    private @Nullable ScheduledFuture<?> timer;

    SentMarks(OutboxStore store, String node, ScheduledExecutorService writer) {
        this.store = store;
        this.node = node;
        this.writer = writer;
    }

    synchronized void accepted(UUID message) {
        pending.add(message);
        if (pending.size() >= GROUP) {
            writeNow();
        } else if (pending.size() == 1) {
            timer = writer.schedule(this::writeOnTime, WINDOW.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is pending and waits for every group of this batch to be written. */
    void finish() {
        List<Future<?>> all;
        synchronized (this) {
            writeNow();
            all = List.copyOf(writes);
        }
        for (var write : all) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not mark sent messages", e.getCause());
            }
        }
    }

    private synchronized void writeOnTime() {
        writeNow();
    }

    private void writeNow() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (pending.isEmpty()) {
            return;
        }
        var group = List.copyOf(pending);
        pending.clear();
        writes.add(writer.submit(() -> store.markSent(group, node)));
    }
}
