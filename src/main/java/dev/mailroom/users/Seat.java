package dev.mailroom.users;

import java.io.Serializable;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One way a signed-in person can act: as a member of one tenant (its membership, role and the name it knows them
 * by), or as a platform operator ({@code tenantId} null). A session acts in one seat at a time.
 *
 * @param accountId the membership's id, or the operator's
 */
public record Seat(
        UUID accountId,
        @Nullable UUID tenantId,
        @Nullable String tenantName,
        @Nullable Role role,
        String displayName) implements Serializable {

    public boolean operator() {
        return tenantId == null;
    }
}
