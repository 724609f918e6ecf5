package dev.mailroom.operator;

import dev.mailroom.people.EmailKey;
import dev.mailroom.people.People;
import dev.mailroom.tenant.TenantContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator accounts, for sign-in and for trusted server-side setup (demo seeding, recovery). An operator is a person
 * (one address, one password) with the platform role; a tenant inviting that address changes nothing of it. Their
 * person rows are read and written in the operator scope only (V19's person_operator), never from a tenant's.
 */
@Service
public class OperatorAccounts {

    private final Clock clock;

    private final OperatorRepository operators;
    private final People people;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transaction;

    OperatorAccounts(
            OperatorRepository operators,
            People people,
            PasswordEncoder passwordEncoder,
            TransactionTemplate transaction,
            Clock clock) {
        this.operators = operators;
        this.people = people;
        this.passwordEncoder = passwordEncoder;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The platform role of this person, if they have it; in the caller's transaction. */
    public Optional<PlatformOperator> findByPerson(UUID personId) {
        return operators.findByPersonId(personId);
    }

    public Optional<PlatformOperator> findById(UUID id) {
        return operators.findById(id);
    }

    /** The operator's address and language, for a caller acting for a known operator (a platform token). */
    public Optional<dev.mailroom.people.Person> personOf(UUID operatorId) {
        return asOperator(() -> operators.findById(operatorId).flatMap(o -> people.findById(o.personId())));
    }

    /** The password hash of the operator with this address. */
    public Optional<String> passwordHash(String email) {
        return asOperator(() -> people.findByKey(EmailKey.of(email))
                .filter(p -> operators.findByPersonId(p.id()).isPresent())
                .map(p -> p.passwordHash()));
    }

    public void setPreferredLanguage(UUID operatorId, @Nullable String language) {
        asOperator(() -> {
            operators.findById(operatorId).ifPresent(o -> people.setPreferredLanguage(o.personId(), language));
            return true;
        });
    }

    /**
     * Whether an operator's session that signed in at {@code signedInAt} still stands: the operator is one, and no
     * new password (a reset, a recovery) was set since. Asked on each request, as a tenant member's session is.
     */
    public boolean sessionStands(UUID operatorId, java.time.Instant signedInAt) {
        return asOperator(() -> operators
                .findById(operatorId)
                .flatMap(o -> people.findById(o.personId()))
                .map(p ->
                        p.sessionsValidFrom() == null || !p.sessionsValidFrom().isAfter(signedInAt))
                .orElse(false));
    }

    /** What operator recovery did. */
    record Recovered(PlatformOperator operator, boolean created) {}

    /** Gives the operator with this address this password, or makes the person an operator with it (recovery). */
    Recovered recover(String email, String displayName, String rawPassword) {
        return asOperator(() -> {
            var person = people.named(email);
            var existing = operators.findByPersonId(person.id());
            if (existing.isPresent()) {
                people.setPasswordHash(person.id(), passwordEncoder.encode(rawPassword));
                return new Recovered(existing.get(), false);
            }
            return new Recovered(add(email, displayName, rawPassword), true);
        });
    }

    /** The person with this address becomes an operator with this password (their tenants' memberships stay). */
    public PlatformOperator addOperator(String email, String displayName, String rawPassword) {
        return asOperator(() -> add(email, displayName, rawPassword));
    }

    private PlatformOperator add(String email, String displayName, String rawPassword) {
        var person = people.named(email);
        var operator = operators.save(
                new PlatformOperator(UUID.randomUUID(), person.id(), displayName, clock.instant(), null));
        // Writable by this transaction from here on: the person is now an operator.
        if (!people.setPasswordHash(person.id(), passwordEncoder.encode(rawPassword))) {
            throw new IllegalStateException("The new operator's person row could not be written");
        }
        return operator;
    }

    /** The scope is set when a transaction begins: so the operator scope first, then the transaction. */
    private <T> T asOperator(Supplier<T> work) {
        return TenantContext.callAsOperator(() -> Objects.requireNonNull(transaction.execute(tx -> work.get())));
    }
}
