package dev.mailroom.console;

import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.status.MailHealth;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import dev.mailroom.users.Invitations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What platform operators do: see every tenant's mail, create a tenant with its first admin, suspend one.
 * Reads run in the operator database context (select-only policies); no query here names a secret column.
 */
@Service
@PreAuthorize("hasRole('OPERATOR')")
public class TenantsConsole {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    // One page of tenants in name order (index tenant_name_order_idx), each row's settings and status looked up
    // by key. The "limit 1" keeps PostgreSQL from turning the lookups into joins: under the row-level policies
    // it misjudges those tables' sizes and joined by scanning them (10,000 tenants: 16-42 ms instead of ~2).
    private static final String OVERVIEW = """
            select t.id, t.name, t.slug, t.suspended_at,
                   (select count(*) from app_user u
                     where u.tenant_id = t.id and u.role = 'ADMIN' and u.enabled) as admins,
                   (select count(*) from app_user u join sign_in_lock l on l.account = u.email_key
                     where u.tenant_id = t.id and l.locked_until > clock_timestamp()) as locked_accounts,
                   coalesce(s.mode, 'DEFAULT_SERVICE') = 'CUSTOM' as custom,
                   m.level, m.reason_key, m.detail, m.since,
                   (select max(o.sent_at) from outbox_message o where o.tenant_id = t.id) as last_delivery
            from tenant t
            left join lateral (select mode from smtp_settings where tenant_id = t.id limit 1) s on true
            left join lateral (select level, reason_key, detail, since from mail_status where tenant_id = t.id limit 1) m on true
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TenantProvisioning provisioning;
    private final Invitations invitations;
    private final TenantMailTargets targets;

    TenantsConsole(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            TenantProvisioning provisioning,
            Invitations invitations,
            TenantMailTargets targets) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.provisioning = provisioning;
        this.invitations = invitations;
        this.targets = targets;
    }

    /** A page of tenants by name; with {@code onlyProblems}, those whose mail status is WARNING or ERROR. */
    public List<TenantOverview> tenants(boolean onlyProblems, int offset, int limit) {
        return TenantContext.callAsOperator(() -> transaction.execute(tx -> jdbc.sql(OVERVIEW
                        + (onlyProblems ? " where m.level in ('WARNING', 'ERROR')" : "")
                        + " order by lower(t.name), t.id offset :offset limit :limit")
                .param("offset", offset)
                .param("limit", limit)
                .query(TenantsConsole::overview)
                .list()));
    }

    public DefaultServiceOverview defaultService() {
        return TenantContext.callAsOperator(() -> transaction.execute(tx -> jdbc.sql("""
                        select count(*) as tenants,
                               count(*) filter (where m.level in ('WARNING', 'ERROR')) as problems
                        from tenant t
                        left join smtp_settings s on s.tenant_id = t.id
                        left join mail_status m on m.tenant_id = t.id
                        where coalesce(s.mode, 'DEFAULT_SERVICE') = 'DEFAULT_SERVICE'""")
                .query((rs, n) -> new DefaultServiceOverview(
                        targets.defaultService(),
                        targets.defaultServiceAddress(),
                        rs.getLong("tenants"),
                        rs.getLong("problems")))
                .single()));
    }

    /**
     * Creates the tenant and invites its first admin in one transaction: if the invitation cannot be made
     * (address taken, say), there is no tenant either.
     *
     * @throws InvalidTenantException                         name or slug not acceptable, or slug taken
     * @throws dev.mailroom.users.InvalidInvitationException the admin's address or name is not acceptable
     * @throws dev.mailroom.users.EmailTakenException        the admin's address already has an account
     */
    public Tenant createTenant(String name, String slug, String adminEmail, String adminName, Locale language) {
        String tenantName = name.strip();
        if (tenantName.isEmpty() || tenantName.length() > 200) {
            throw new InvalidTenantException("name", "console.create.error.name");
        }
        String tenantSlug = slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(tenantSlug).matches()) {
            throw new InvalidTenantException("slug", "console.create.error.slug");
        }
        if (provisioning.slugTaken(tenantSlug)) {
            throw new InvalidTenantException("slug", InvalidTenantException.SLUG_TAKEN);
        }
        UUID id = UUID.randomUUID();
        return TenantContext.callAsTenant(
                id,
                () -> transaction.execute(tx -> {
                    var tenant = provisioning.createTenant(id, tenantSlug, tenantName);
                    invitations.inviteFirstAdmin(adminEmail, adminName, language);
                    return tenant;
                }));
    }

    /**
     * Nobody of the tenant signs in (sessions end at their next request) and its admins' API tokens stop acting.
     *
     * @return false if there is no such tenant
     */
    public boolean suspend(UUID tenant) {
        return provisioning.setSuspended(tenant, true);
    }

    /** @return false if there is no such tenant */
    public boolean resume(UUID tenant) {
        return provisioning.setSuspended(tenant, false);
    }

    private static TenantOverview overview(ResultSet rs, int row) throws SQLException {
        String level = rs.getString("level");
        return new TenantOverview(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getLong("admins"),
                rs.getBoolean("custom"),
                level == null ? null : MailHealth.valueOf(level),
                rs.getString("reason_key"),
                rs.getString("detail"),
                instant(rs.getTimestamp("since")),
                instant(rs.getTimestamp("last_delivery")),
                rs.getTimestamp("suspended_at") != null,
                rs.getLong("locked_accounts"));
    }

    private static java.time.@Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
