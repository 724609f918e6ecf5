package dev.mailroom.users;

import dev.mailroom.tenant.TenantContext;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Following a mailed link (invitation or password reset) to set a password. Nobody is signed in: the
 * token alone finds its one user, in its one tenant.
 */
@Service
public class AccountSetup {

    private final Clock clock;

    private final AccountLinks links;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transaction;

    AccountSetup(
            AccountLinks links,
            UserRepository users,
            PasswordEncoder encoder,
            TransactionTemplate transaction,
            Clock clock) {
        this.links = links;
        this.users = users;
        this.encoder = encoder;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Who the link is for, if it can still be used. */
    public Optional<PendingLink> check(String token) {
        return links.find(token)
                .filter(AccountLinks.Link::usable)
                .flatMap(link -> TenantContext.callAsTenant(
                        link.tenantId(),
                        () -> transaction.execute(tx -> users.findByIdAndTenantId(link.userId(), link.tenantId())
                                .filter(User::enabled)
                                .map(u -> new PendingLink(link.purpose(), u.displayName(), u.email())))));
    }

    /**
     * Sets the password and uses the link up, both or neither.
     *
     * @throws InvalidPasswordException the password breaks a rule; the link stays usable
     * @throws LinkNotUsableException   used, replaced, expired, or its user was deactivated
     */
    public void setPassword(String token, String password, String repeated) {
        var link = links.find(token).orElseThrow(LinkNotUsableException::new);
        TenantContext.callAsTenant(
                link.tenantId(),
                () -> transaction.execute(tx -> {
                    var user = users.findByIdAndTenantId(link.userId(), link.tenantId())
                            .filter(User::enabled)
                            .orElseThrow(LinkNotUsableException::new);
                    PasswordRules.check(password, repeated, user.email());
                    if (!links.consume(link)) {
                        throw new LinkNotUsableException();
                    }
                    links.retireOthers(link);
                    return users.save(user.withPasswordHash(encoder.encode(password), clock.instant()));
                }));
    }
}
