package dev.mailroom.users;

import dev.mailroom.tenant.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which tenant an email address belongs to, for mail arriving before any tenant is known (the demo
 * mailbox). Like a sign-in, it may see the one user row with that address and nothing else.
 */
@Service
public class UserAddresses {

    private final UserRepository users;
    private final TransactionTemplate readOnly;

    UserAddresses(UserRepository users, TransactionTemplate transactions) {
        this.users = users;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    public Optional<UUID> tenantOf(String address) {
        var user =
                TenantContext.callForLogin(address, () -> readOnly.execute(tx -> users.findByEmailIgnoreCase(address)));
        return user == null ? Optional.empty() : user.map(User::tenantId);
    }
}
