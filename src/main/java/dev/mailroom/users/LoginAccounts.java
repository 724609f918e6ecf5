package dev.mailroom.users;

import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.people.EmailKey;
import dev.mailroom.people.People;
import dev.mailroom.people.Person;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the person behind a sign-in and where they may act. Row-level security lets this lookup see the one person
 * whose address is being signed in with and that person's memberships (policies person_login, app_user_login).
 */
@Service
public class LoginAccounts {

    private final People people;
    private final UserRepository users;
    private final MembershipSeats memberships;
    private final OperatorAccounts operators;
    private final TenantProvisioning tenants;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    LoginAccounts(
            People people,
            UserRepository users,
            MembershipSeats memberships,
            OperatorAccounts operators,
            TransactionTemplate transactions,
            TenantProvisioning tenants,
            JdbcClient jdbc) {
        this.people = people;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.users = users;
        this.memberships = memberships;
        this.operators = operators;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    /** The person with this address (as typed: it is folded here), their seats and invitations, read at once. */
    public Optional<LoginAccount> find(String email) {
        String key = EmailKey.of(email);
        var found = TenantContext.callForLogin(
                key, () -> readOnly.execute(tx -> people.findByKey(key).map(p -> account(p, key))));
        return found == null ? Optional.empty() : found;
    }

    private LoginAccount account(Person person, String key) {
        var seats = new ArrayList<Seat>();
        var invitations = new ArrayList<Seat>();
        // An operator's address signs in as the operator whatever a tenant did with it: inviting it only adds an
        // invitation beside the platform role.
        operators
                .findByPerson(person.id())
                .ifPresent(o -> seats.add(new Seat(o.id(), null, null, null, o.displayName())));
        for (var row : memberships.of(key)) {
            (row.invited() ? invitations : seats).add(row.seat());
        }
        return new LoginAccount(
                person.id(),
                person.email(),
                person.passwordHash(),
                person.preferredLanguage(),
                person.sessionsValidFrom(),
                seats,
                invitations,
                now());
    }

    /** The membership as a seat, if it may be used: enabled, of a tenant that is not suspended. */
    private Optional<Seat> seat(User membership) {
        if (!membership.enabled()) {
            return Optional.empty();
        }
        return tenants.find(membership.tenantId())
                .filter(t -> !t.suspended())
                .map(Tenant::name)
                .map(name -> new Seat(
                        membership.id(), membership.tenantId(), name, membership.role(), membership.displayName()));
    }

    /**
     * An operator's account by id, for a caller that acts for a known operator (a platform API token). Stateless
     * callers have no session for the database clock to end, so the lookup time is this node's.
     */
    public Optional<LoginAccount> findOperator(UUID id) {
        // The operator's person row is the platform's: read in the operator scope (OperatorAccounts), once.
        var person = operators.personOf(id);
        var found = operators
                .findById(id)
                .map(o -> new LoginAccount(
                        o.personId(),
                        person.map(Person::email).orElse(""),
                        null,
                        person.map(Person::preferredLanguage).orElse(null),
                        null,
                        List.of(new Seat(o.id(), null, null, null, o.displayName())),
                        List.of(),
                        Instant.now()));
        return found;
    }

    /**
     * A tenant's member by membership id, judged as a sign-in judges it (disabled, not joined, suspended tenant:
     * no seat): for a caller that acts for a known member of a known tenant, such as an API token.
     */
    public Optional<LoginAccount> findInTenant(UUID tenant, UUID membership) {
        var found = TenantContext.callAsTenant(
                tenant,
                () -> readOnly.execute(tx -> users.findByIdAndTenantId(membership, tenant)
                        .map(m -> new LoginAccount(
                                m.personId(),
                                m.email(),
                                null,
                                null,
                                null,
                                m.invited() ? List.of() : seat(m).stream().toList(),
                                List.of(),
                                now()))));
        return found == null ? Optional.empty() : found;
    }

    private Instant now() {
        return jdbc.sql("select clock_timestamp()")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }
}
