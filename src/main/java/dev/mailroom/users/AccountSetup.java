package dev.mailroom.users;

import dev.mailroom.people.People;
import dev.mailroom.tenant.TenantContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Following a mailed link (invitation or password reset) to set a password, and accepting an invitation. Nobody is
 * signed in for a link: the token alone finds its one membership, in its one tenant.
 */
@Service
public class AccountSetup {

    private final Clock clock;

    private final AccountLinks links;
    private final UserRepository users;
    private final People people;
    private final dev.mailroom.operator.OperatorLinks operatorLinks;
    private final dev.mailroom.operator.OperatorAccounts operators;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transaction;

    AccountSetup(
            AccountLinks links,
            UserRepository users,
            People people,
            dev.mailroom.operator.OperatorLinks operatorLinks,
            dev.mailroom.operator.OperatorAccounts operators,
            PasswordEncoder encoder,
            TransactionTemplate transaction,
            Clock clock) {
        this.links = links;
        this.users = users;
        this.people = people;
        this.operatorLinks = operatorLinks;
        this.operators = operators;
        this.encoder = encoder;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Who the link is for, if it can still be used. */
    public Optional<PendingLink> check(String token) {
        var operatorLink = operatorLinks.find(token);
        if (operatorLink.isPresent()) {
            var operator = operatorLinks.operatorOf(operatorLink.get());
            return operator.map(o -> new PendingLink(
                    LinkPurpose.PASSWORD_RESET,
                    o.displayName(),
                    operators.personOf(o.id()).map(p -> p.email()).orElse(""),
                    false));
        }
        return links.find(token)
                .filter(AccountLinks.Link::usable)
                .flatMap(link -> TenantContext.callAsTenant(
                        link.tenantId(),
                        () -> transaction.execute(tx -> users.findByIdAndTenantId(link.userId(), link.tenantId())
                                .filter(User::enabled)
                                .map(u -> new PendingLink(
                                        link.purpose(),
                                        u.displayName(),
                                        u.email(),
                                        link.purpose() == LinkPurpose.INVITATION
                                                && people.named(u.email()).hasPassword())))));
    }

    /**
     * Sets the person's password and uses the link up (with every other link of theirs), all or nothing. An
     * invitation's link joins its membership too; it sets no password for a person who has one (they accept by
     * signing in), so a tenant's invitation can never change anyone's password.
     *
     * @throws InvalidPasswordException the password breaks a rule; the link stays usable
     * @throws LinkNotUsableException   used, replaced, expired, its membership deactivated, or not for a new password
     */
    public void setPassword(String token, String password, String repeated) {
        var operatorLink = operatorLinks.find(token);
        if (operatorLink.isPresent()) {
            var operator = operatorLinks.operatorOf(operatorLink.get()).orElseThrow(LinkNotUsableException::new);
            PasswordRules.check(
                    password,
                    repeated,
                    operators.personOf(operator.id()).map(p -> p.email()).orElse(""));
            if (!operatorLinks.setPassword(operatorLink.get(), password)) {
                throw new LinkNotUsableException();
            }
            return;
        }
        var link = links.find(token).orElseThrow(LinkNotUsableException::new);
        TenantContext.callAsTenant(
                link.tenantId(),
                () -> transaction.execute(tx -> {
                    var user = users.findByIdAndTenantId(link.userId(), link.tenantId())
                            .filter(User::enabled)
                            .orElseThrow(LinkNotUsableException::new);
                    PasswordRules.check(password, repeated, user.email());
                    if (link.purpose() == LinkPurpose.INVITATION) {
                        if (people.named(user.email()).hasPassword()) {
                            throw new LinkNotUsableException();
                        }
                        // Joined first: only then is the person this tenant's to write (V19's person_member).
                        user = users.save(user.joined(clock.instant()));
                    }
                    if (!links.consume(link) || !people.setPasswordHash(user.personId(), encoder.encode(password))) {
                        throw new LinkNotUsableException();
                    }
                    people.retireLinks(user.personId(), link.id());
                    return user;
                }));
    }

    /**
     * A signed-in person accepts an invitation waiting for them. For the tenant picker, which passes the person it
     * signed in (never one chosen by the page).
     *
     * @throws LinkNotUsableException the invitation was withdrawn, or is not this person's
     */
    public void accept(UUID tenant, UUID membership, UUID person) {
        TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> {
                    var user = users.findByIdAndTenantId(membership, tenant)
                            .filter(u ->
                                    u.enabled() && u.invited() && u.personId().equals(person))
                            .orElseThrow(LinkNotUsableException::new);
                    links.retire(user.id(), LinkPurpose.INVITATION);
                    return users.save(user.joined(clock.instant()));
                }));
    }
}
