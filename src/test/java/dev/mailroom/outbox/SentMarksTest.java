package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The crash bound of grouped SENT marks: at most 16 messages, at most 50 ms of sending, unwritten, even when the database is slow. */
class SentMarksTest {

    final List<List<UUID>> written = Collections.synchronizedList(new ArrayList<>());
    final OutboxStore store = new OutboxStore(null, null) {
        @Override
        void markSent(List<UUID> ids, String node) {
            written.add(ids);
        }
    };
    final java.util.concurrent.ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        writer.shutdownNow();
    }

    static List<UUID> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }

    @Test
    void halfAGroupIsWrittenAtOnceWithoutWaitingForItsWindow() {
        var marks = new SentMarks(store, "node", writer);
        var accepted = ids(SentMarks.GROUP * 2);
        accepted.forEach(marks::accepted);
        await("the accepted messages to be marked")
                .atMost(Duration.ofSeconds(5))
                .until(() -> written.stream().mapToInt(List::size).sum() == accepted.size());
        // By the window alone they would be one group of 32.
        assertThat(written)
                .containsExactly(
                        accepted.subList(0, 8),
                        accepted.subList(8, 16),
                        accepted.subList(16, 24),
                        accepted.subList(24, 32));
    }

    @Test
    void aPartGroupIsWrittenWhenHalfItsWindowEndsEvenWhileNothingElseIsSent() {
        var marks = new SentMarks(store, "node", writer);
        var accepted = ids(3);
        long start = System.nanoTime();
        accepted.forEach(marks::accepted);
        await("the part group written by its timer")
                .atMost(Duration.ofSeconds(5))
                .until(() -> written.size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SentMarks.WINDOW.dividedBy(2));
        assertThat(written).containsExactly(accepted);
    }

    @Test
    void finishWritesWhatIsPendingAndReturnsOnlyWhenEverythingIsWritten() {
        var marks = new SentMarks(store, "node", writer);
        var accepted = ids(SentMarks.GROUP + 5);
        accepted.forEach(marks::accepted);
        marks.finish();
        assertThat(written.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(accepted);
        assertThat(written).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(SentMarks.GROUP));
    }

    @Test
    void aSlowDatabaseHoldsTheSenderBeforeTheSixteenthUnmarkedMessage() {
        var slow = new SlowStore();
        var marks = new SentMarks(slow, "node", writer);
        var accepted = ids(SentMarks.GROUP * 3);
        var returned = new AtomicInteger();
        var sender = Thread.ofPlatform()
                .start(() -> accepted.forEach(id -> {
                    marks.accepted(id);
                    returned.incrementAndGet();
                }));
        await("the sender to be held while the database does not answer")
                .atMost(Duration.ofSeconds(5))
                .until(() -> sender.getState() == Thread.State.TIMED_WAITING && returned.get() == SentMarks.GROUP - 1);
        // Held inside the 16th message's accepted(): the next message has not gone out, 16 are unmarked.
        assertThat(slow.written).isEmpty();

        slow.answer.countDown();
        await("the sender to finish once the database answers")
                .atMost(Duration.ofSeconds(5))
                .until(() -> !sender.isAlive());
        marks.finish();
        assertThat(slow.written.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(accepted);
    }

    @Test
    void aSlowDatabaseHoldsTheSenderOnceAnUnmarkedMessageIsAWindowOld() {
        var slow = new SlowStore();
        var marks = new SentMarks(slow, "node", writer);
        long start = System.nanoTime();
        ids(3).forEach(marks::accepted);
        await("the window of the first accepted message to pass")
                .atMost(Duration.ofSeconds(5))
                .until(() -> System.nanoTime() - start >= SentMarks.WINDOW.toNanos());
        var fourth = new AtomicInteger();
        var sender = Thread.ofPlatform().start(() -> {
            marks.accepted(UUID.randomUUID());
            fourth.incrementAndGet();
        });
        await("the fourth message's sender to be held")
                .atMost(Duration.ofSeconds(5))
                .until(() -> sender.getState() == Thread.State.TIMED_WAITING);
        assertThat(fourth).hasValue(0);

        slow.answer.countDown();
        await("the sender to go on once the old group is written")
                .atMost(Duration.ofSeconds(5))
                .until(() -> fourth.get() == 1);
    }

    @Test
    void onceAMarkCannotBeWrittenNoFurtherMessageGoesOut() {
        var broken = new OutboxStore(null, null) {
            @Override
            void markSent(List<UUID> ids, String node) {
                throw new IllegalStateException("database gone");
            }
        };
        var marks = new SentMarks(broken, "node", writer);
        ids(SentMarks.GROUP / 2).forEach(marks::accepted);
        await("the sender to be stopped after the failed write")
                .atMost(Duration.ofSeconds(5))
                .until(() -> {
                    try {
                        marks.accepted(UUID.randomUUID());
                        return false;
                    } catch (IllegalStateException e) {
                        return e.getCause() != null
                                && "database gone".equals(e.getCause().getMessage());
                    }
                });
    }

    /** A database that does not answer until told to. */
    static final class SlowStore extends OutboxStore {
        final CountDownLatch answer = new CountDownLatch(1);
        final List<List<UUID>> written = Collections.synchronizedList(new ArrayList<>());

        SlowStore() {
            super(null, null);
        }

        @Override
        void markSent(List<UUID> ids, String node) {
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(ids);
        }
    }
}
