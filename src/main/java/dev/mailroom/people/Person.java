package dev.mailroom.people;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What sign-in knows of a person: the address, the password's hash (none while only invited) and the language. */
public record Person(
        UUID id,
        String email,
        @Nullable String passwordHash,
        @Nullable String preferredLanguage,
        @Nullable Instant sessionsValidFrom) {}
