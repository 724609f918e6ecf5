package dev.mailroom.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A password or client secret in memory. It prints as {@code [secret]} wherever it ends up (a log line, an
 * exception, a record's {@code toString}), so only code that calls {@link #reveal()} on purpose ever sees it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain text, for the one place that hands it to a server. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        // Constant time: equality of secrets is asked by caches, never a timing oracle.
        return other instanceof Secret s
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
