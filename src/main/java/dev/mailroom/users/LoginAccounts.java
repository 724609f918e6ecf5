package dev.mailroom.users;

import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.operator.PlatformOperator;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the account behind a sign-in. Row-level security lets this lookup see the one user row whose
 * email is being signed in with (see the {@code app_user_login} policy), and nothing else.
 */
@Service
public class LoginAccounts {

    private final UserRepository users;
    private final OperatorAccounts operators;
    private final TransactionTemplate readOnly;

    private final TenantProvisioning tenants;

    private final JdbcClient jdbc;

    LoginAccounts(
            UserRepository users,
            OperatorAccounts operators,
            TransactionTemplate transactions,
            TenantProvisioning tenants,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.users = users;
        this.operators = operators;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    /**
     * The account and the database's time of the lookup: a session's sign-in time comes from the same clock
     * as the changes that end sessions (V12), whichever node either happened on.
     */
    public Optional<LoginAccount> find(String email) {
        var found = TenantContext.callForLogin(
                email, () -> readOnly.execute(tx -> found(users.findByEmailIgnoreCase(email))));
        var at = found.at();
        // An operator's address signs in as the operator, whatever a tenant has done with it: a tenant that
        // created a user with it (POST /api/v1/users) had locked the operator out for good.
        var operator = operators.findByEmail(email);
        if (operator.isPresent()) {
            return operator.map(o -> operatorAccount(o, at));
        }
        return found.user().isPresent() ? Optional.of(account(found)) : Optional.empty();
    }

    /**
     * An operator's account by id, for a caller that acts for a known operator (a platform API token). Stateless
     * callers have no session for the database clock to end, so the lookup time is this node's.
     */
    public Optional<LoginAccount> findOperator(UUID id) {
        return operators.findById(id).map(o -> operatorAccount(o, Instant.now()));
    }

    private static LoginAccount operatorAccount(PlatformOperator o, Instant at) {
        return new LoginAccount(
                o.id(), null, o.email(), o.displayName(), o.passwordHash(), null, o.preferredLanguage(), true, at);
    }

    /**
     * A tenant's account by id, judged as a sign-in judges it (disabled, suspended tenant): for a caller that
     * acts for a known account of a known tenant, such as an API token.
     */
    public Optional<LoginAccount> findInTenant(UUID tenant, UUID account) {
        var found = TenantContext.callAsTenant(
                tenant, () -> readOnly.execute(tx -> found(users.findByIdAndTenantId(account, tenant))));
        return found == null || found.user().isEmpty() ? Optional.empty() : Optional.of(account(found));
    }

    /** The user, their tenant's suspension and the database's time, read in the caller's one transaction. */
    private record Found(Optional<User> user, boolean suspended, Instant at) {}

    private Found found(Optional<User> user) {
        return new Found(
                user,
                user.map(u -> tenants.isSuspended(u.tenantId())).orElse(false),
                jdbc.sql("select clock_timestamp()")
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant());
    }

    private static LoginAccount account(Found found) {
        var u = found.user().orElseThrow();
        // Nobody of a suspended tenant signs in.
        return new LoginAccount(
                u.id(),
                u.tenantId(),
                u.email(),
                u.displayName(),
                u.passwordHash(),
                u.role(),
                u.preferredLanguage(),
                u.enabled() && !found.suspended(),
                found.at());
    }
}
