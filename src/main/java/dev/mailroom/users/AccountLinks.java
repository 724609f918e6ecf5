package dev.mailroom.users;

import dev.mailroom.secrets.BearerSecrets;
import dev.mailroom.tenant.TenantContext;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time links: 256 random bits in the mail, only their SHA-256 in the database. A newer link of the same
 * purpose replaces an older one; a link works once and until it expires (by the database's clock).
 */
@Component
@EnableConfigurationProperties(LinkProperties.class)
class AccountLinks {

    /** @param usable not used up and not expired, by the database's clock when it was read */
    record Link(UUID id, UUID tenantId, UUID userId, LinkPurpose purpose, boolean usable) {}

    static final String PATH = "account/password";

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final String publicUrl;

    AccountLinks(JdbcClient jdbc, TransactionTemplate transactions, LinkProperties properties) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
        String publicUrl = properties.publicUrl();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }

    /** A new link for this user of the current tenant, in the caller's transaction; returns its address. */
    String issue(UUID tenant, UUID user, LinkPurpose purpose) {
        String token = BearerSecrets.generate();
        jdbc.sql("delete from account_link where user_id = :user and purpose = :purpose")
                .param("user", user)
                .param("purpose", purpose.name())
                .update();
        jdbc.sql("""
                        insert into account_link (id, tenant_id, user_id, purpose, token_hash, expires_at)
                        values (:id, :tenant, :user, :purpose, :hash, clock_timestamp() + make_interval(secs => :seconds))""")
                .param("id", UUID.randomUUID())
                .param("tenant", tenant)
                .param("user", user)
                .param("purpose", purpose.name())
                .param("hash", BearerSecrets.hash(token))
                .param("seconds", purpose.validity().toSeconds())
                .update();
        return publicUrl + PATH + "?token=" + token;
    }

    /** The link behind a token, used or not; empty for a token that never existed or was replaced. */
    Optional<Link> find(String token) {
        if (token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = BearerSecrets.hash(token);
        var found = TenantContext.callForLink(
                HexFormat.of().formatHex(hash),
                () -> readOnly.execute(tx -> jdbc.sql("""
                                select id, tenant_id, user_id, purpose,
                                       used_at is null and expires_at > clock_timestamp() as usable
                                from account_link where token_hash = :hash""")
                        .param("hash", hash)
                        .query((rs, n) -> new Link(
                                rs.getObject("id", UUID.class),
                                rs.getObject("tenant_id", UUID.class),
                                rs.getObject("user_id", UUID.class),
                                LinkPurpose.valueOf(rs.getString("purpose")),
                                rs.getBoolean("usable")))
                        .optional()));
        return found == null ? Optional.empty() : found;
    }

    /** Uses the link up, in the caller's transaction (run as its tenant); false if it was used or expired meanwhile. */
    boolean consume(Link link) {
        return jdbc.sql("""
                        update account_link set used_at = clock_timestamp()
                        where id = :id and used_at is null and expires_at > clock_timestamp()""").param("id", link.id()).update() == 1;
    }

    /** This membership's links of one purpose used up, in the caller's transaction (run as its tenant). */
    void retire(UUID user, LinkPurpose purpose) {
        jdbc.sql("""
                        update account_link set used_at = clock_timestamp()
                        where user_id = :user and purpose = :purpose and used_at is null""").param("user", user).param("purpose", purpose.name()).update();
    }
}
