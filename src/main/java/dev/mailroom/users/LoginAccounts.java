package dev.mailroom.users;

import java.util.Optional;

import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
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

    LoginAccounts(UserRepository users, OperatorAccounts operators, TransactionTemplate transactions,
                  TenantProvisioning tenants) {
        this.tenants = tenants;
        this.users = users;
        this.operators = operators;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    public Optional<LoginAccount> find(String email) {
        var user = TenantContext.callForLogin(email,
                () -> readOnly.execute(tx -> users.findByEmailIgnoreCase(email)));
        if (user != null && user.isPresent()) {
            var u = user.get();
            // Nobody of a suspended tenant signs in.
            return Optional.of(new LoginAccount(u.id(), u.tenantId(), u.email(), u.displayName(),
                    u.passwordHash(), u.role(), u.preferredLanguage(), u.enabled() && !tenants.isSuspended(u.tenantId())));
        }
        return operators.findByEmail(email).map(o -> new LoginAccount(o.id(), null, o.email(),
                o.displayName(), o.passwordHash(), null, o.preferredLanguage(), true));
    }
}
