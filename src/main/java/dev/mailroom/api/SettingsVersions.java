package dev.mailroom.api;

import dev.mailroom.smtp.SmtpSettings;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The settings' version as an HTTP entity tag, and the If-Match a write must carry (RFC 9110 13.1.1): a script
 * that read version 3 cannot overwrite what someone saved as version 4. A tenant that never stored settings has
 * the tag {@code "none"}; {@code *} matches whatever is stored now.
 */
final class SettingsVersions {

    private SettingsVersions() {}

    static String etag(SmtpSettings settings) {
        return "\"" + (settings.version() == null ? "none" : settings.version()) + "\"";
    }

    /**
     * The version a write may replace.
     *
     * @throws PreconditionRequiredException no If-Match: a write without one could undo a change it never saw
     * @throws StaleVersionException        If-Match names another version than the stored one
     */
    static @Nullable Long expected(@Nullable String ifMatch, SmtpSettings current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        String tag = etag(current);
        // Weak tags never match for If-Match (strong comparison).
        boolean matches =
                Arrays.stream(ifMatch.split(",")).map(String::strip).anyMatch(t -> t.equals("*") || t.equals(tag));
        if (!matches) {
            throw new StaleVersionException();
        }
        return current.version();
    }

    /** If-Match names a version that is no longer the stored one: answered 412, like {@code ConcurrentEditException}. */
    static final class StaleVersionException extends RuntimeException {
        StaleVersionException() {
            super("Not the stored version", null, false, false);
        }
    }

    /** A write without If-Match: answered 428 (RFC 6585). */
    static final class PreconditionRequiredException extends RuntimeException {
        PreconditionRequiredException() {
            super("If-Match required", null, false, false);
        }
    }
}
