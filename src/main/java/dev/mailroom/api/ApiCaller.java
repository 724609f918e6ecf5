package dev.mailroom.api;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who a presented token speaks for: the account that made it (a tenant admin, or an operator when {@code tenantId}
 * is null, for a platform token), under the token's name.
 */
public record ApiCaller(
        UUID tokenId, @Nullable UUID tenantId, UUID accountId, String tokenName, java.util.Set<TokenScope> scopes) {

    public boolean platform() {
        return tenantId == null;
    }
}
