package dev.mailroom.api;

import dev.mailroom.i18n.Languages;
import dev.mailroom.users.Invitations;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import dev.mailroom.users.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Users page for scripts: list, invite (the invitation mail goes out as from the page, in the caller's
 * language), deactivate. Another tenant's id is no such user: 404.
 */
@RestController
@Tag(name = "Users")
@RequestMapping("/api/v1/users")
class UsersEndpoint {

    record UserResponse(
            UUID id,
            String email,
            String name,
            String role,
            boolean active,
            boolean invitationPending,
            @Nullable Instant lastSignInAt) {}

    /** @param role ADMIN or USER; USER when left out */
    record Invite(
            @Schema(example = "new.colleague@acme.example") @Nullable
            String email,

            @Schema(example = "New Colleague") @Nullable String name,

            @Schema(
                    example = "USER",
                    allowableValues = {"ADMIN", "USER"})
            @Nullable
            String role) {}

    private final UserService users;
    private final Invitations invitations;

    UsersEndpoint(UserService users, Invitations invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    @Operation(summary = "List the tenant's users")
    @GetMapping
    List<UserResponse> list() {
        return users.listUsers().stream().map(UsersEndpoint::of).toList();
    }

    @Operation(
            summary = "Invite a user (the invitation mail goes out in the caller's language)",
            description = "A taken address is a 409, an unknown role a 422 with the allowed values.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse invite(@RequestBody Invite invite, Locale locale) {
        Role role = UnknownValueException.oneOf("role", Role.values(), invite.role(), Role.USER);
        return of(invitations.invite(
                Objects.requireNonNullElse(invite.email(), ""),
                Objects.requireNonNullElse(invite.name(), ""),
                role,
                Languages.supportedOrDefault(locale.getLanguage())));
    }

    @Operation(
            summary = "Deactivate a user",
            description = "The last admin who can sign in cannot be deactivated (409).")
    @PostMapping("/{id}/deactivate")
    UserResponse deactivate(@PathVariable UUID id) {
        return of(users.deactivate(id));
    }

    private static UserResponse of(User u) {
        return new UserResponse(
                u.id(), u.email(), u.displayName(), u.role().name(), u.enabled(), u.invited(), u.lastLoginAt());
    }
}
