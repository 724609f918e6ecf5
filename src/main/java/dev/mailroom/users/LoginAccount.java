package dev.mailroom.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What sign-in needs to know about a person: their password's hash (none until they chose one), where they can act
 * now ({@code seats}: the platform role first, then memberships most recently used first) and the invitations
 * waiting for them. Disabled memberships and suspended tenants are in neither list.
 *
 * @param sessionsValidFrom sessions of this person signed in before it have ended (a new password)
 * @param lookedUpAt by the database's clock, like the changes that end sessions (V12)
 */
public record LoginAccount(
        UUID personId,
        String email,
        @Nullable String passwordHash,
        @Nullable String preferredLanguage,
        @Nullable Instant sessionsValidFrom,
        List<Seat> seats,
        List<Seat> invitations,
        Instant lookedUpAt) {

    public LoginAccount {
        seats = List.copyOf(seats);
        invitations = List.copyOf(invitations);
    }

    /** Anywhere to go after signing in: a seat, or an invitation to accept. */
    public boolean enabled() {
        return !seats.isEmpty() || !invitations.isEmpty();
    }
}
