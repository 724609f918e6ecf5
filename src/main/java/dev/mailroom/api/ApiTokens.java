package dev.mailroom.api;

import dev.mailroom.audit.AuditLog;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API tokens of the signed-in admin's tenant: made, listed and revoked by its admins, checked on every API
 * request. A token is {@code mrt_} and 256 random bits; only its SHA-256 is stored. Revoking or expiry takes
 * effect at the next request on every node: each request reads the row.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "mrt_";
    /** Longest validity an admin may choose; a token for ever is a token nobody remembers to revoke. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(365);

    private static final SecureRandom random = new SecureRandom();
    /** A token's last use is written at most this often: a busy script does not write on every request. */
    private static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    ApiTokens(JdbcClient jdbc, AuditLog audit, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    /**
     * A new token of the admin's tenant, acting as this admin.
     *
     * @throws IllegalArgumentException a blank or overlong name, or a validity outside one day to a year
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CreatedToken create(String name, Duration validity) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 80) {
            throw new IllegalArgumentException("A token needs a name of 1 to 80 characters");
        }
        if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A token is valid for one day to a year");
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_token (id, tenant_id, created_by, name, token_hash, expires_at)
                        values (:id, :tenant, :admin, :name, :hash,
                                clock_timestamp() + make_interval(secs => :seconds))""")
                .param("id", id)
                .param("tenant", CurrentTenant.require())
                .param("admin", CurrentTenant.requireAccount())
                .param("name", label)
                .param("hash", hash(secret))
                .param("seconds", validity.toSeconds())
                .update();
        audit.record("api-token.created", List.of("apiToken"));
        return new CreatedToken(find(id).orElseThrow(), secret);
    }

    /** The tenant's tokens, newest first, revoked and expired ones included (for the record). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return jdbc.sql(SELECT + " where t.tenant_id = :tenant order by t.created_at desc")
                .param("tenant", CurrentTenant.require())
                .query(ApiTokens::map)
                .list();
    }

    /**
     * Revokes a token of the admin's tenant; it stops working at its next request, on every node.
     *
     * @return false if the tenant has no such token (another tenant's id is no such token) or it was revoked
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public boolean revoke(UUID id) {
        boolean revoked = jdbc.sql("""
                        update api_token set revoked_at = clock_timestamp()
                        where id = :id and tenant_id = :tenant and revoked_at is null""")
                        .param("id", id)
                        .param("tenant", CurrentTenant.require())
                        .update()
                == 1;
        if (revoked) {
            audit.record("api-token.revoked", List.of("apiToken"));
        }
        return revoked;
    }

    /**
     * Who a presented token speaks for, if it is one of ours, not revoked and not expired (by the database's
     * clock). Called before anyone is signed in; notes the token's use (at most once a minute). Whether its
     * admin may still act is the sign-in's judgement ({@code LoginAccounts.findInTenant}).
     */
    public Optional<ApiCaller> authenticate(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(presented);
        record Row(ApiCaller caller, boolean usable, boolean noteUse) {}
        var found = TenantContext.callForLink(
                HexFormat.of().formatHex(hash),
                () -> readOnly.execute(tx -> jdbc.sql("""
                                select id, tenant_id, created_by, name,
                                       revoked_at is null and expires_at > clock_timestamp() as usable,
                                       last_used_at is null
                                           or last_used_at < clock_timestamp() - make_interval(secs => :every)
                                           as note_use
                                from api_token where token_hash = :hash""")
                        .param("hash", hash)
                        .param("every", LAST_USED_EVERY.toSeconds())
                        .query((rs, n) -> new Row(
                                new ApiCaller(
                                        rs.getObject("id", UUID.class),
                                        rs.getObject("tenant_id", UUID.class),
                                        rs.getObject("created_by", UUID.class),
                                        rs.getString("name")),
                                rs.getBoolean("usable"),
                                rs.getBoolean("note_use")))
                        .optional()));
        if (found == null || found.isEmpty() || !found.get().usable()) {
            return Optional.empty();
        }
        var caller = found.get().caller();
        if (found.get().noteUse()) {
            TenantContext.callAsTenant(
                    caller.tenantId(),
                    () -> transactions.execute(
                            tx -> jdbc.sql("update api_token set last_used_at = clock_timestamp() where id = :id")
                                    .param("id", caller.tokenId())
                                    .update()));
        }
        return Optional.of(caller);
    }

    private Optional<ApiToken> find(UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id")
                .param("id", id)
                .query(ApiTokens::map)
                .optional();
    }

    private static final String SELECT = """
            select t.id, t.name, u.display_name as created_by, t.created_at, t.expires_at, t.last_used_at,
                   t.revoked_at
            from api_token t join app_user u on u.id = t.created_by""";

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
