package dev.mailroom.oauth;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An access token and when it stops being usable. {@link #toString()} never shows the token itself. */
public record AccessToken(
        String value, Instant obtainedAt, @Nullable Duration expiresIn) {

    public @Nullable Instant expiresAt() {
        return expiresIn == null ? null : obtainedAt.plus(expiresIn);
    }

    @Override
    public String toString() {
        return "AccessToken[obtainedAt=" + obtainedAt + ", expiresIn=" + expiresIn + "]";
    }
}
