package dev.mailroom.users;

import java.time.Duration;

/** What a mailed one-time link is for, and how long it lasts. */
public enum LinkPurpose {
    /** A new user sets a first password. */
    INVITATION(Duration.ofHours(72)),
    /** A user who forgot the password chooses a new one. */
    PASSWORD_RESET(Duration.ofMinutes(30));

    private final Duration validity;

    LinkPurpose(Duration validity) {
        this.validity = validity;
    }

    public Duration validity() {
        return validity;
    }
}
