package dev.mailroom.tenant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The scope the current work runs in: which tenant's rows it sees, and which of the few narrow doors past that is
 * open. In a request the tenant is the signed-in person's seat and nothing else: no URL, parameter or form field
 * can choose it. Work with no user behind it (seeding demo data, background delivery) names its tenant explicitly
 * with {@link #callAsTenant}; views may not do that, and each other door is open to the few classes that need it
 * (ArchitectureTest). The scope is one value per thread, given to PostgreSQL when a transaction begins; changing it
 * inside an open transaction is refused.
 */
public final class TenantContext {

    /**
     * The scope as PostgreSQL gets it (app.tenant and the other settings).
     *
     * @param tenant null for none
     * @param loginKey the address key a sign-in looks up, "" for none
     * @param linkHash the hash (hex) of a presented link or token, "" for none
     */
    public record Scope(@Nullable UUID tenant, String loginKey, String linkHash, boolean operator, boolean dispatcher) {

        static final Scope NONE = new Scope(null, "", "", false, false);

        Scope withTenant(UUID id) {
            return new Scope(id, loginKey, linkHash, operator, dispatcher);
        }

        Scope withLoginKey(String key) {
            return new Scope(tenant, key, linkHash, operator, dispatcher);
        }

        Scope withLinkHash(String hash) {
            return new Scope(tenant, loginKey, hash, operator, dispatcher);
        }

        Scope asOperator() {
            return new Scope(tenant, loginKey, linkHash, true, dispatcher);
        }

        Scope asDispatcher() {
            return new Scope(tenant, loginKey, linkHash, operator, true);
        }
    }

    /** The transaction's resource under which the transaction manager keeps the scope it began with. */
    public static final Object TRANSACTION_SCOPE = new Object() {
        @Override
        public String toString() {
            return "mailroom transaction scope";
        }
    };

    /** What was named explicitly on this thread; the signed-in person's tenant fills in where no tenant was. */
    private static final ThreadLocal<Scope> explicit = ThreadLocal.withInitial(() -> Scope.NONE);

    private TenantContext() {}

    public static Scope currentScope() {
        var scope = explicit.get();
        if (scope.tenant() == null) {
            var member = currentMember().map(TenantMember::tenantId);
            if (member.isPresent()) {
                return scope.withTenant(member.get());
            }
        }
        return scope;
    }

    public static Optional<UUID> currentTenantId() {
        return Optional.ofNullable(currentScope().tenant());
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
        return with(s -> s.withTenant(tenantId), work);
    }

    /** Lets one authentication look up the one person with this address key, before any tenant is known. */
    public static <T extends @Nullable Object> T callForLogin(String key, Supplier<T> work) {
        return with(s -> s.withLoginKey(key), work);
    }

    /**
     * Lets the outbox dispatcher see every tenant's outbox rows (and no other table's) to claim due mail.
     * Sending then happens per tenant, through {@link #callAsTenant}.
     */
    public static <T extends @Nullable Object> T callAsOutboxDispatcher(Supplier<T> work) {
        return with(Scope::asDispatcher, work);
    }

    /**
     * Lets the operator console read across tenants (users, SMTP settings, mail status, outbox: select only), and
     * the operator accounts be read and written. Only for services that checked the caller is a platform operator,
     * and for the operator accounts themselves.
     */
    public static <T extends @Nullable Object> T callAsOperator(Supplier<T> work) {
        return with(Scope::asOperator, work);
    }

    public static boolean isOperator() {
        return explicit.get().operator();
    }

    public static boolean isOutboxDispatcher() {
        return explicit.get().dispatcher();
    }

    /** Lets someone following a mailed link find that one link (by its token's hash, hex), before any tenant is known. */
    public static <T extends @Nullable Object> T callForLink(String tokenHashHex, Supplier<T> work) {
        return with(s -> s.withLinkHash(tokenHashHex), work);
    }

    public static Optional<String> linkLookupHash() {
        var hash = explicit.get().linkHash();
        return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
    }

    public static Optional<String> loginLookupEmail() {
        var key = explicit.get().loginKey();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /**
     * Runs the work in the changed scope, and puts back the one before (calls may nest). The scope is read when a
     * transaction begins, so changing it inside an open transaction would change nothing: refused.
     */
    private static <T extends @Nullable Object> T with(UnaryOperator<Scope> change, Supplier<T> work) {
        var previous = explicit.get();
        explicit.set(change.apply(previous));
        var open = TransactionSynchronizationManager.getResource(TRANSACTION_SCOPE);
        if (open != null && !open.equals(currentScope())) {
            restore(previous);
            throw new IllegalStateException("A tenant scope was changed inside an open transaction, which began with"
                    + " another; its queries would still run in the old one. Change the scope before the transaction.");
        }
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** Nothing left behind on a pooled thread once the outermost call is done. */
    private static void restore(Scope previous) {
        if (previous.equals(Scope.NONE)) {
            explicit.remove();
        } else {
            explicit.set(previous);
        }
    }
}
