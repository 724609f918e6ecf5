package dev.mailroom.operator;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operator accounts, for sign-in and for trusted server-side setup (demo seeding). */
@Service
public class OperatorAccounts {

    private final Clock clock;

    private final OperatorRepository operators;
    private final PasswordEncoder passwordEncoder;

    OperatorAccounts(OperatorRepository operators, PasswordEncoder passwordEncoder, Clock clock) {
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<PlatformOperator> findByEmail(String email) {
        return operators.findByEmailIgnoreCase(email);
    }

    @Transactional(readOnly = true)
    public Optional<PlatformOperator> findById(UUID id) {
        return operators.findById(id);
    }

    /** What operator recovery did. */
    record Recovered(PlatformOperator operator, boolean created) {}

    /** Gives the operator with this address this password, or creates one with it (operator recovery). */
    @Transactional
    Recovered recover(String email, String displayName, String rawPassword) {
        var existing = operators.findByEmailIgnoreCase(email);
        if (existing.isPresent()) {
            var o = existing.get();
            var changed = new PlatformOperator(
                    o.id(),
                    o.email(),
                    o.displayName(),
                    passwordEncoder.encode(rawPassword),
                    o.preferredLanguage(),
                    o.createdAt(),
                    o.version());
            return new Recovered(operators.save(changed), false);
        }
        return new Recovered(addOperator(email, displayName, rawPassword), true);
    }

    @Transactional
    public PlatformOperator addOperator(String email, String displayName, String rawPassword) {
        return operators.save(new PlatformOperator(
                UUID.randomUUID(),
                email,
                displayName,
                passwordEncoder.encode(rawPassword),
                null,
                clock.instant(),
                null));
    }
}
