package dev.mailroom.operator;

import dev.mailroom.people.People;
import dev.mailroom.secrets.BearerSecrets;
import dev.mailroom.tenant.TenantContext;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's password reset links (V20): 256 random bits in the mail, the SHA-256 in the database, 30 minutes,
 * once. They belong to no tenant, so they are kept beside the tenants' links rather than among them.
 */
@Component
public class OperatorLinks {

    public static final Duration VALIDITY = Duration.ofMinutes(30);

    /** @param usable not used up and not expired, by the database's clock */
    public record Link(UUID id, UUID operatorId, boolean usable) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final OperatorRepository operators;
    private final People people;
    private final PasswordEncoder encoder;
    private final PlatformAudit audit;

    OperatorLinks(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            OperatorRepository operators,
            People people,
            PasswordEncoder encoder,
            PlatformAudit audit) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.operators = operators;
        this.people = people;
        this.encoder = encoder;
        this.audit = audit;
    }

    /** A new link for this operator (the older one stops working); returns the token for the mail. */
    public String issue(UUID operatorId) {
        String token = BearerSecrets.generate();
        TenantContext.callAsOperator(() -> transaction.execute(tx -> {
            jdbc.sql("delete from operator_link where operator_id = :operator")
                    .param("operator", operatorId)
                    .update();
            return jdbc.sql("""
                            insert into operator_link (id, operator_id, token_hash, expires_at)
                            values (:id, :operator, :hash, clock_timestamp() + make_interval(secs => :seconds))""")
                    .param("id", UUID.randomUUID())
                    .param("operator", operatorId)
                    .param("hash", BearerSecrets.hash(token))
                    .param("seconds", VALIDITY.toSeconds())
                    .update();
        }));
        return token;
    }

    /** The link behind a token, used or not; empty for a token that is no operator's link. */
    public Optional<Link> find(String token) {
        if (token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = BearerSecrets.hash(token);
        return Objects.requireNonNull(TenantContext.callForLink(
                HexFormat.of().formatHex(hash),
                () -> transaction.execute(tx -> jdbc.sql("""
                                select id, operator_id, used_at is null and expires_at > clock_timestamp() as usable
                                from operator_link where token_hash = :hash""")
                        .param("hash", hash)
                        .query((rs, n) -> new Link(
                                rs.getObject("id", UUID.class),
                                rs.getObject("operator_id", UUID.class),
                                rs.getBoolean("usable")))
                        .optional())));
    }

    /** The address and name the link's page greets, if the link can still be used. */
    public Optional<PlatformOperator> operatorOf(Link link) {
        return link.usable() ? operators.findById(link.operatorId()) : Optional.empty();
    }

    /**
     * Sets the operator's password and uses the link up (with every other link of the person), all or nothing.
     *
     * @return false when the link was used or expired meanwhile
     */
    public boolean setPassword(Link link, String password) {
        boolean set = Boolean.TRUE.equals(TenantContext.callAsOperator(() -> transaction.execute(tx -> {
            var operator = operators.findById(link.operatorId()).orElse(null);
            if (operator == null || jdbc.sql("""
                                    update operator_link set used_at = clock_timestamp()
                                    where id = :id and used_at is null and expires_at > clock_timestamp()""").param("id", link.id()).update() != 1) {
                return false;
            }
            people.setPasswordHash(operator.personId(), encoder.encode(password));
            people.retireLinks(operator.personId(), link.id());
            return true;
        })));
        if (set) {
            audit.record("Forgot password?", PlatformAudit.Action.OPERATOR_PASSWORD_RESET, link.operatorId());
        }
        return set;
    }
}
