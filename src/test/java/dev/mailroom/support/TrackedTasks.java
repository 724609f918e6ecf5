package dev.mailroom.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Counts the tasks on the application's executor, so a test can wait until what a click started (a connection
 * test, a mail) has finished and queued its result for the page, instead of the page keeping a hook for tests.
 */
public class TrackedTasks implements BeanPostProcessor {

    private final AtomicInteger running = new AtomicInteger();

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if ("applicationTaskExecutor".equals(name) && bean instanceof AsyncTaskExecutor executor) {
            return new Counting(executor);
        }
        return bean;
    }

    /** Waits until every task started so far has run to its end. */
    public void awaitIdle() {
        await("tasks on the application's executor to finish")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> running.get() == 0);
    }

    private final class Counting implements AsyncTaskExecutor {
        private final AsyncTaskExecutor delegate;

        Counting(AsyncTaskExecutor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable task) {
            running.incrementAndGet();
            try {
                delegate.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                running.decrementAndGet();
                throw e;
            }
        }

        @Override
        public Future<?> submit(Runnable task) {
            var future = new java.util.concurrent.FutureTask<Void>(task, null);
            execute(future);
            return future;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            var future = new java.util.concurrent.FutureTask<>(task);
            execute(future);
            return future;
        }
    }
}
