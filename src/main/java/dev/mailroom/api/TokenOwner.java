package dev.mailroom.api;

import dev.mailroom.tenant.TenantContext;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whose tokens the caller manages: an admin's tenant's, or an operator's platform tokens (which belong to no
 * tenant, and which an operator's database context may see and change, V15).
 */
record TokenOwner(@Nullable UUID tenant, UUID account) {

    static TokenOwner current() {
        var member = TenantContext.currentMember().orElseThrow(() -> new AccessDeniedException("Not signed in"));
        return new TokenOwner(member.tenantId(), member.accountId());
    }

    <T extends @Nullable Object> T call(TransactionTemplate transaction, Supplier<T> work) {
        return tenant == null
                ? TenantContext.callAsOperator(() -> transaction.execute(tx -> work.get()))
                : transaction.execute(tx -> work.get());
    }

    String scope() {
        return tenant == null ? "t.tenant_id is null" : "t.tenant_id = :tenant";
    }

    Map<String, ?> scopeParams() {
        return tenant == null ? Map.of() : Map.of("tenant", tenant);
    }
}
