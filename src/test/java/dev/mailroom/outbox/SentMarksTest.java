package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The crash bound of grouped SENT marks: at most 16 messages, at most 50 ms of sending, unwritten. */
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
    void aFullGroupIsWrittenAtOnceWithoutWaitingForItsWindow() {
        var marks = new SentMarks(store, "node", writer);
        var accepted = ids(SentMarks.GROUP * 2);
        accepted.forEach(marks::accepted);
        await("the accepted messages to be marked")
                .atMost(Duration.ofSeconds(5))
                .until(() -> written.stream().mapToInt(List::size).sum() == accepted.size());
        // By the window alone they would be one group of 32.
        assertThat(written).containsExactly(accepted.subList(0, 16), accepted.subList(16, 32));
    }

    @Test
    void aPartGroupIsWrittenWhenItsWindowEndsEvenWhileNothingElseIsSent() {
        var marks = new SentMarks(store, "node", writer);
        var accepted = ids(3);
        long start = System.nanoTime();
        accepted.forEach(marks::accepted);
        await("the part group written by its timer")
                .atMost(Duration.ofSeconds(5))
                .until(() -> written.size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SentMarks.WINDOW);
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
}
