package dev.mailroom.users;

import dev.mailroom.people.EmailKey;
import dev.mailroom.tenant.TenantContext;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which tenants an email address belongs to, for mail arriving before any tenant is known (the demo mailbox). Like a
 * sign-in, it may see the memberships of the one person with that address and nothing else.
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

    /** The tenants of the person with this address (invited or joined), the one they used last first. */
    public List<UUID> tenantsOf(String address) {
        String key = EmailKey.of(address);
        var tenants = TenantContext.callForLogin(
                key,
                () -> readOnly.execute(tx ->
                        users.findByEmailKey(key).stream().map(User::tenantId).toList()));
        return tenants == null ? List.of() : tenants;
    }
}
