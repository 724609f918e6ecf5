package dev.mailroom.users;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.mail.ControlCharacters;
import dev.mailroom.mail.Sender;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantService;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.ThrottledAction;
import dev.mailroom.throttle.TooManyAttemptsException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins invite people into their tenant: a pending membership of this tenant, and a mail with a one-time link
 * (72 hours) in the outbox, in one transaction. An invitation reserves nothing and tells nothing: any address
 * may be invited by any tenant, and the answer is the same whether or not it belongs to someone elsewhere.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class Invitations {

    /** A scheme, or a dot between two words as in a host name ("example.com"): mail clients make both links. */
    private static final java.util.regex.Pattern WEB_ADDRESS =
            java.util.regex.Pattern.compile("://|[\\p{L}\\p{N}-]\\.\\p{L}{2,}");

    private final Clock clock;

    private final UserRepository users;
    private final dev.mailroom.people.People people;
    private final AccountLinks links;
    private final Outbox outbox;
    private final TenantService tenants;
    private final TranslationProvider translations;
    private final AttemptThrottle throttle;
    private final TransactionTemplate transactions;

    Invitations(
            UserRepository users,
            dev.mailroom.people.People people,
            AccountLinks links,
            Outbox outbox,
            TenantService tenants,
            TranslationProvider translations,
            AttemptThrottle throttle,
            TransactionTemplate transactions,
            Clock clock) {
        this.transactions = transactions;
        this.throttle = throttle;
        this.users = users;
        this.people = people;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
        this.tenants = tenants;
        this.translations = translations;
    }

    /**
     * @param language the language of the invitation mail (the inviting admin's)
     * @throws InvalidInvitationException the address or name is not acceptable
     * @throws EmailTakenException        the address is already this tenant's (a member or invited)
     * @throws TooManyAttemptsException   this admin or tenant has invited too many people for now
     */
    public User invite(String email, String displayName, Role role, Locale language) {
        String address = address(email);
        String name = name(displayName);
        // Counted in a transaction of its own, before the invitation's: an address already taken (the insert's
        // refusal rolls that one back) still uses an attempt, so invitations are no free way to probe addresses.
        throttle.acquire(ThrottledAction.INVITATION, CurrentTenant.require(), CurrentTenant.requireAccount(), null);
        return java.util.Objects.requireNonNull(
                transactions.execute(tx -> inviteIntoCurrentTenant(address, name, role, language)));
    }

    /**
     * The first admin of a tenant a platform operator is creating, in the same transaction, run as that
     * tenant ({@code TenantContext.callAsTenant}). The mail goes out through the new tenant's mail service.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @PreAuthorize("hasRole('OPERATOR')")
    public User inviteFirstAdmin(String email, String displayName, Locale language) {
        return inviteIntoCurrentTenant(address(email), name(displayName), Role.ADMIN, language);
    }

    /**
     * The name as the invitation greets its reader: no line breaks or other control characters (they would
     * shape the mail), and no web address (a stranger's mail from this deployment must not carry a tenant's link).
     */
    private static String name(String displayName) {
        String name = displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInvitationException("name", "users.invite.error.name");
        }
        if (ControlCharacters.containsAny(name)) {
            throw new InvalidInvitationException("name", "users.invite.error.name-characters");
        }
        if (WEB_ADDRESS.matcher(name).find()) {
            throw new InvalidInvitationException("name", "users.invite.error.name-link");
        }
        return name;
    }

    private User inviteIntoCurrentTenant(String address, String name, Role role, Locale language) {
        var tenant = CurrentTenant.require();
        var person = people.named(address);
        if (users.findByTenantIdAndPersonId(tenant, person.id()).isPresent()) {
            throw new EmailTakenException();
        }
        User user;
        try {
            user = users.save(User.invited(tenant, person.id(), address, name, role, clock.instant()));
        } catch (DuplicateKeyException e) {
            // Another admin of this tenant invited the same person a moment ago.
            throw new EmailTakenException();
        }
        send(user, person.hasPassword(), language);
        return user;
    }

    /** A new link (the old one stops working) and a new mail, for someone who has not joined yet. */
    public void resend(UUID userId, Locale language) {
        throttle.acquire(ThrottledAction.INVITATION, CurrentTenant.require(), CurrentTenant.requireAccount(), null);
        transactions.executeWithoutResult(tx -> {
            var user = users.findByIdAndTenantId(userId, CurrentTenant.require())
                    .filter(User::enabled)
                    .orElseThrow(UserNotFoundException::new);
            if (!user.invited()) {
                throw new IllegalStateException("already joined");
            }
            send(user, people.named(user.email()).hasPassword(), language);
        });
    }

    /** @param member the person already has a password (elsewhere): the mail asks them to sign in, not to choose one */
    private void send(User user, boolean member, Locale language) {
        String link = links.issue(user.tenantId(), user.id(), LinkPurpose.INVITATION);
        String tenant = tenants.currentTenant().name();
        String inviter = CurrentTenant.requireAccountName();
        outbox.enqueueWithLink(
                MailKind.INVITATION,
                user.email(),
                translations.getTranslation("mail.invitation.subject", language, tenant),
                translations.getTranslation(
                        member ? "mail.invitation.body-member" : "mail.invitation.body",
                        language,
                        user.displayName(),
                        inviter,
                        tenant,
                        translations.getTranslation("role." + user.role().name(), language),
                        link,
                        LinkPurpose.INVITATION.validity().toHours()),
                link);
    }

    /** One plain address, read as the SMTP page reads a test recipient; "Name <addr>" belongs in two fields. */
    private static String address(String email) {
        var parsed = Sender.split("", email);
        if (parsed == null || !parsed.name().isEmpty()) {
            throw new InvalidInvitationException("email", "users.invite.error.email");
        }
        return parsed.address();
    }
}
