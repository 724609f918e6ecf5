package dev.mailroom.tenant;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What every signed-in principal tells about itself: who it is and, unless it is an operator, its tenant. */
public interface TenantMember {

    UUID accountId();

    /** The account's email address: where a test email to oneself goes. */
    String email();

    /** How the account is named in audit entries and status notes. */
    String displayName();

    /** The tenant this account belongs to; {@code null} for platform operators, who belong to none. */
    @Nullable
    UUID tenantId();
}
