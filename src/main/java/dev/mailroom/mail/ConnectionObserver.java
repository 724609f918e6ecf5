package dev.mailroom.mail;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears how a connection is being opened, step by step. A connection test turns this into its report and
 * transcript; a delivery batch does not listen ({@link #NONE}).
 */
interface ConnectionObserver {

    ConnectionObserver NONE = new ConnectionObserver() {};

    /** Whether anyone reads the steps: the outbox does not, so their findings are not even put together. */
    default boolean reports() {
        return false;
    }

    /** Where Angus writes the protocol dialogue, or null to write none. */
    default @Nullable Transcript transcript() {
        return null;
    }

    default void passed(StepKind step, @Nullable Duration took, StepDetail detail) {}

    default void passed(StepKind step, @Nullable Duration took, String detail) {
        passed(step, took, StepDetail.of(detail));
    }

    /** The server refused a cached token: what followed the name lookup starts again with a fresh one. */
    default void retrying() {}
}
