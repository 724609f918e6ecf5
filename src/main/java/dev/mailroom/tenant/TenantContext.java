package dev.mailroom.tenant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant the current work runs for. In a request it is the signed-in user's tenant and nothing
 * else: no URL, parameter or form field can choose it. Work with no user behind it (seeding demo data,
 * background delivery) names its tenant explicitly with {@link #callAsTenant}; views may not do that,
 * which an architecture test checks.
 */
public final class TenantContext {

    private static final ThreadLocal<@Nullable UUID> explicitTenant = new ThreadLocal<>();
    private static final ThreadLocal<@Nullable String> loginEmail = new ThreadLocal<>();
    private static final ThreadLocal<@Nullable String> linkHash = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> operator = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> outboxDispatcher = ThreadLocal.withInitial(() -> false);

    private TenantContext() {}

    public static Optional<UUID> currentTenantId() {
        UUID explicit = explicitTenant.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return currentMember().map(TenantMember::tenantId);
    }

    public static Optional<TenantMember> currentMember() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof TenantMember member) {
            return Optional.of(member);
        }
        return Optional.empty();
    }

    /** Runs trusted server-side work for one tenant, e.g. creating it or delivering its mail. */
    public static <T extends @Nullable Object> T callAsTenant(UUID tenantId, Supplier<T> work) {
        return with(explicitTenant, tenantId, work);
    }

    /** Lets one authentication look up the single account with this email, before any tenant is known. */
    public static <T extends @Nullable Object> T callForLogin(String email, Supplier<T> work) {
        return with(loginEmail, email, work);
    }

    /**
     * Lets the outbox dispatcher see every tenant's outbox rows (and no other table's) to claim due mail.
     * Sending then happens per tenant, through {@link #callAsTenant}.
     */
    public static <T extends @Nullable Object> T callAsOutboxDispatcher(Supplier<T> work) {
        return with(outboxDispatcher, true, work);
    }

    /**
     * Lets the operator console read across tenants (users, SMTP settings, mail status, outbox: select only).
     * Only for services that checked the caller is a platform operator.
     */
    public static <T extends @Nullable Object> T callAsOperator(Supplier<T> work) {
        return with(operator, true, work);
    }

    public static boolean isOperator() {
        return operator.get();
    }

    public static boolean isOutboxDispatcher() {
        return outboxDispatcher.get();
    }

    /** Lets someone following a mailed link find that one link (by its token's hash, hex), before any tenant is known. */
    public static <T extends @Nullable Object> T callForLink(String tokenHashHex, Supplier<T> work) {
        return with(linkHash, tokenHashHex, work);
    }

    public static Optional<String> linkLookupHash() {
        return Optional.ofNullable(linkHash.get());
    }

    public static Optional<String> loginLookupEmail() {
        return Optional.ofNullable(loginEmail.get());
    }

    /**
     * The scope a transaction gives PostgreSQL (app.tenant and the other settings), as one value. The transaction
     * manager sets it when a transaction begins and keeps it as the transaction's resource under this key.
     */
    public static final Object TRANSACTION_SCOPE = new Object() {
        @Override
        public String toString() {
            return "mailroom transaction scope";
        }
    };

    /** @param tenant null for none; the other fields "" for none and "on" for a flag */
    public record Scope(
            @Nullable UUID tenant, String loginKey, String linkHash, boolean operator, boolean dispatcher) {}

    public static Scope currentScope() {
        return new Scope(
                currentTenantId().orElse(null),
                loginLookupEmail().orElse(""),
                linkLookupHash().orElse(""),
                isOperator(),
                isOutboxDispatcher());
    }

    /**
     * Runs the work with the thread-local set, and puts back what it held before (calls may nest). The scope is
     * read when a transaction begins, so changing it inside an open transaction would change nothing: refused.
     */
    private static <V extends @Nullable Object, T extends @Nullable Object> T with(
            ThreadLocal<V> local, V value, Supplier<T> work) {
        V previous = local.get();
        local.set(value);
        var open = org.springframework.transaction.support.TransactionSynchronizationManager.getResource(
                TRANSACTION_SCOPE);
        if (open != null && !open.equals(currentScope())) {
            restore(local, previous);
            throw new IllegalStateException("A tenant scope was changed inside an open transaction, which began with"
                    + " another; its queries would still run in the old one. Change the scope before the transaction.");
        }
        try {
            return work.get();
        } finally {
            restore(local, previous);
        }
    }

    private static <V extends @Nullable Object> void restore(ThreadLocal<V> local, @Nullable V previous) {
        if (previous == null) {
            local.remove();
        } else {
            local.set(previous);
        }
    }
}
