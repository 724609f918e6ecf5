package dev.mailroom.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailroom.support.MailroomTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Many attempts at once, more than the pool has connections: none may wait for a connection (a limiter call
 * that needed a second connection while holding its first once stalled every page for the pool's 30 s), and a
 * wait for a connection longer than a second is logged.
 */
@MailroomTest
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentAttemptsTest {

    @Autowired
    AttemptThrottle throttle;

    @Autowired
    DataSource dataSource;

    @Test
    void attemptsFromManyClicksAtOnceNeverStall() throws Exception {
        int pool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        int clicks = pool * 4;
        var failures = new ConcurrentLinkedQueue<Throwable>();
        try (var clickers = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (int i = 0; i < clicks; i++) {
                done.add(clickers.submit(() -> {
                    // "Forgot password?" for a fresh address from a fresh client: two buckets, never used up.
                    for (int round = 0; round < 5; round++) {
                        try {
                            throttle.acquirePasswordReset(
                                    UUID.randomUUID() + "@clicks.example", "client-" + UUID.randomUUID());
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            await("all " + clicks + " clickers (" + pool + " connections)")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> done.stream().allMatch(Future::isDone));
        }
        assertThat(failures).as("attempts that could not be counted").isEmpty();
    }

    @Test
    void aWaitForAConnectionOfMoreThanASecondIsLogged(CapturedOutput output) throws Exception {
        var hikari = dataSource.unwrap(HikariDataSource.class);
        var held = new ArrayList<Connection>();
        try {
            // Take every connection the pool has, then ask for one more: it comes when one is given back.
            while (held.size() < hikari.getMaximumPoolSize()) {
                held.add(hikari.getConnection());
            }
            try (var asker = Executors.newVirtualThreadPerTaskExecutor()) {
                var waiting = asker.submit(() -> {
                    try (var c = dataSource.getConnection()) {
                        return c.isValid(1);
                    }
                });
                await("the asker to wait")
                        .until(() -> hikari.getHikariPoolMXBean().getThreadsAwaitingConnection() > 0);
                await("a second of waiting")
                        .pollDelay(SlowConnectionWaitingTime.ABOVE_THRESHOLD)
                        .until(() -> true);
                held.removeFirst().close();
                assertThat(waiting.get()).isTrue();
            }
        } finally {
            for (var c : held) {
                c.close();
            }
        }
        assertThat(output).contains("Waited ").contains("ms for a database connection");
    }

    /** Just past the warning threshold: the one wait here that is the condition itself. */
    static final class SlowConnectionWaitingTime {
        static final Duration ABOVE_THRESHOLD = Duration.ofMillis(1100);
    }
}
