package dev.mailroom.bench;

import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.TestTenants;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the database to a number of tenants in one statement as the owning role: 5 users each (the first an
 * admin), half with custom settings, one in ten with a mail problem, two sent messages each.
 */
final class ScaleSeed {

    private final DatabaseOwner owner;
    private final String passwordHash;

    ScaleSeed(DatabaseOwner owner, String passwordHash) {
        this.owner = owner;
        this.passwordHash = passwordHash;
    }

    /** Seeds through the context's owning role; every seeded user signs in with {@link TestTenants#PASSWORD}. */
    static ScaleSeed in(org.springframework.context.ApplicationContext context) {
        return new ScaleSeed(
                context.getBean(DatabaseOwner.class),
                context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class)
                        .encode(TestTenants.PASSWORD));
    }

    /** Seeds tenants until there are {@code tenants} in all (seeded or not). */
    void upTo(int tenants) throws SQLException {
        try (var connection = owner.connect()) {
            int existing = tenantCount();
            if (existing >= tenants) {
                return;
            }
            try (var st = connection.prepareStatement("""
                    with t as (
                        insert into tenant (id, slug, name)
                        select gen_random_uuid(), 'scale-' || g, 'Scale ' || g from generate_series(?, ?) g
                        returning id, slug
                    ), p as (
                        insert into person (id, email, email_key, password_hash)
                        select gen_random_uuid(), 'user' || n || '@' || t.slug || '.example',
                               'user' || n || '@' || t.slug || '.example', ?
                        from t cross join generate_series(1, 5) n
                        returning id, email
                    ), u as (
                        insert into app_user (id, tenant_id, person_id, email, email_key, display_name, role, joined_at)
                        select gen_random_uuid(), t.id, p.id, p.email, p.email, 'User ' || n,
                               case when n = 1 then 'ADMIN' else 'USER' end, now()
                        from t cross join generate_series(1, 5) n
                        join p on p.email = 'user' || n || '@' || t.slug || '.example'
                    ), s as (
                        insert into smtp_settings (tenant_id, mode, host, port, security, min_tls, trust, sender_name,
                                                   sender_address, auth_type, updated_at, updated_by, version)
                        select t.id, 'CUSTOM', 'smtp.' || t.slug || '.example', 587, 'STARTTLS', 'TLS_1_2', 'DEFAULT',
                               'Scale', 'noreply@' || t.slug || '.example', 'NONE', now(), 'seed', 0
                        from t where abs(hashtext(t.slug)) % 2 = 0
                    ), m as (
                        insert into mail_status (tenant_id, level, source, reason_key, detail, since, version)
                        select t.id, 'ERROR', 'DELIVERY', 'mail.explain.bad-credentials', 'AUTH: 535', now(), 0
                        from t where abs(hashtext(t.slug)) % 10 = 0
                    )
                    insert into outbox_message (id, tenant_id, message_id, kind, recipient, subject, body, state, attempts,
                                                next_attempt_at, created_at, sent_at)
                    select gen_random_uuid(), t.id, '<' || gen_random_uuid() || '@scale.invalid>', 'ADMIN_NOTICE',
                           'user1@' || t.slug || '.example', 'Notice', 'Body', 'SENT', 1, now(), now(), now()
                    from t cross join generate_series(1, 2)""")) {
                int seeded = scaleTenantCount(connection);
                st.setInt(1, seeded + 1);
                st.setInt(2, seeded + tenants - existing);
                st.setString(3, passwordHash);
                st.executeUpdate();
            }
            try (var st = connection.createStatement()) {
                st.execute("analyze");
            }
        }
    }

    private static int scaleTenantCount(java.sql.Connection connection) throws SQLException {
        try (var st = connection.createStatement();
                var rs = st.executeQuery("select count(*) from tenant where slug like 'scale-%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int tenantCount() throws SQLException {
        try (var connection = owner.connect();
                var st = connection.createStatement();
                var rs = st.executeQuery("select count(*) from tenant")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** {@code n} admins of seeded tenants, seeding more tenants if there are fewer. */
    List<String> admins(int n) throws SQLException {
        int missing = n - admins().size();
        if (missing > 0) {
            upTo(tenantCount() + missing);
        }
        return admins().subList(0, n);
    }

    /** The seeded tenants' admins (their sign-in names). */
    List<String> admins() throws SQLException {
        var admins = new ArrayList<String>();
        try (var connection = owner.connect();
                var st = connection.createStatement();
                var rs = st.executeQuery(
                        "select email from app_user where role = 'ADMIN' and email like 'user1@scale-%'")) {
            while (rs.next()) {
                admins.add(rs.getString(1));
            }
        }
        return admins;
    }
}
