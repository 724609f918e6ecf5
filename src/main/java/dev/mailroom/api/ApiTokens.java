package dev.mailroom.api;

import dev.mailroom.audit.AuditLog;
import dev.mailroom.secrets.BearerSecrets;
import dev.mailroom.tenant.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API tokens: a tenant's, made, listed and revoked by its admins, and platform tokens, made by operators. Checked on
 * every API request. A token is {@code mrt_} and 256 random bits; only its SHA-256 is stored. Revoking or expiry
 * takes effect at the next request on every node: each request reads the row.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "mrt_";
    /** Longest validity an admin may choose; a token for ever is a token nobody remembers to revoke. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(365);

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
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
     * A new token of the admin's tenant, acting as this admin; or, for an operator, a platform token acting as
     * this operator; with every scope its kind may have.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CreatedToken create(String name, Duration validity) {
        return create(name, validity, TokenScope.available(TokenOwner.current().tenant() == null));
    }

    /**
     * A new token with only these scopes (at least one, and only those its kind may have).
     *
     * @throws IllegalArgumentException a blank or overlong name, a validity outside one day to a year, or scopes
     *     that are none or not this kind's
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CreatedToken create(String name, Duration validity, java.util.Set<TokenScope> scopes) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 80) {
            throw new IllegalArgumentException("A token needs a name of 1 to 80 characters");
        }
        if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("A token is valid for one day to a year");
        }
        var owner = TokenOwner.current();
        if (scopes.isEmpty() || !TokenScope.available(owner.tenant() == null).containsAll(scopes)) {
            throw new IllegalArgumentException("A token needs at least one of the scopes its kind may have");
        }
        String secret = PREFIX + BearerSecrets.generate();
        UUID id = UUID.randomUUID();
        var token = owner.call(transactions, () -> {
            jdbc.sql("""
                            insert into api_token
                                (id, tenant_id, created_by, created_by_operator, name, token_hash, expires_at, scopes)
                            values (:id, :tenant, :admin, :operator, :name, :hash,
                                    clock_timestamp() + make_interval(secs => :seconds), :scopes::text[])""")
                    .param("id", id)
                    .param("tenant", owner.tenant())
                    .param("admin", owner.tenant() == null ? null : owner.account())
                    .param("operator", owner.tenant() == null ? owner.account() : null)
                    .param("name", label)
                    .param("hash", BearerSecrets.hash(secret))
                    .param("seconds", validity.toSeconds())
                    .param("scopes", TokenScope.keys(scopes).toArray(String[]::new))
                    .update();
            recordChange(owner, "api-token.created", label);
            return find(id).orElseThrow();
        });
        return new CreatedToken(token, secret);
    }

    /** The caller's tokens (its tenant's, or the platform's), newest first, revoked and expired ones included. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<ApiToken> list() {
        var owner = TokenOwner.current();
        return owner.call(
                readOnly,
                () -> jdbc.sql(SELECT + " where " + owner.scope() + " order by t.created_at desc")
                        .params(owner.scopeParams())
                        .query(ApiTokens::map)
                        .list());
    }

    /**
     * Revokes one of the caller's tokens; it stops working at its next request, on every node.
     *
     * @return false if the caller has no such token (another tenant's id is no such token) or it was revoked
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public boolean revoke(UUID id) {
        var owner = TokenOwner.current();
        return owner.call(transactions, () -> {
            var name = jdbc.sql("update api_token t set revoked_at = clock_timestamp() where t.id = :id and "
                            + owner.scope() + " and t.revoked_at is null returning t.name")
                    .param("id", id)
                    .params(owner.scopeParams())
                    .query(String.class)
                    .optional();
            name.ifPresent(n -> recordChange(owner, "api-token.revoked", n));
            return name.isPresent();
        });
    }

    /** A tenant's token changes are in its audit trail; a platform token's in the log, as operators' acts are. */
    private void recordChange(TokenOwner owner, String action, String tokenName) {
        if (owner.tenant() != null) {
            audit.record(action, List.of("apiToken"));
        } else {
            log.info("{}: platform token \"{}\" by operator {}", action, tokenName, owner.account());
        }
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
        byte[] hash = BearerSecrets.hash(presented);
        record Row(ApiCaller caller, boolean usable, boolean noteUse) {}
        var found = TenantContext.callForLink(
                HexFormat.of().formatHex(hash),
                () -> readOnly.execute(tx -> jdbc.sql("""
                                select id, tenant_id, coalesce(created_by, created_by_operator) as account, name,
                                       scopes,
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
                                        rs.getObject("account", UUID.class),
                                        rs.getString("name"),
                                        scopes(rs)),
                                rs.getBoolean("usable"),
                                rs.getBoolean("note_use")))
                        .optional()));
        if (found == null || found.isEmpty() || !found.get().usable()) {
            return Optional.empty();
        }
        var caller = found.get().caller();
        if (found.get().noteUse()) {
            Supplier<Integer> note = () -> transactions.execute(
                    tx -> jdbc.sql("update api_token set last_used_at = clock_timestamp() where id = :id")
                            .param("id", caller.tokenId())
                            .update());
            if (caller.tenantId() == null) {
                TenantContext.callAsOperator(note);
            } else {
                TenantContext.callAsTenant(caller.tenantId(), note);
            }
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
            select t.id, t.name, coalesce(u.display_name, o.display_name) as created_by, t.created_at,
                   t.expires_at, t.last_used_at, t.revoked_at, t.scopes
            from api_token t
            left join app_user u on u.id = t.created_by
            left join platform_operator o on o.id = t.created_by_operator""";

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
                revoked == null ? null : revoked.toInstant(),
                scopes(rs));
    }

    /** Stored keys no release knows any more are dropped: a token never gains a right from an unknown word. */
    private static java.util.Set<TokenScope> scopes(ResultSet rs) throws SQLException {
        var found = java.util.EnumSet.noneOf(TokenScope.class);
        for (Object key : (Object[]) rs.getArray("scopes").getArray()) {
            TokenScope.of(String.valueOf(key)).ifPresent(found::add);
        }
        return found;
    }
}
