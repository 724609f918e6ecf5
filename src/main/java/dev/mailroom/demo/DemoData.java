package dev.mailroom.demo;

import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantProvisioning;
import dev.mailroom.users.Role;
import dev.mailroom.users.UserProvisioning;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Two demo tenants on first start, so a product owner can sign in at once. On by default only with the
 * embedded database (see application.yaml): an external database never gets demo accounts unless
 * {@code mailroom.demo.enabled=true} is set.
 */
@Component
@ConditionalOnBooleanProperty("mailroom.demo.enabled")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "mailroom-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record DemoUser(String email, String name, Role role) {}

    record DemoTenant(String slug, String name, List<DemoUser> users) {}

    static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant(
                    "acme",
                    "Acme",
                    List.of(
                            new DemoUser("ada@acme.example", "Ada Lovelace", Role.ADMIN),
                            new DemoUser("alan@acme.example", "Alan Turing", Role.ADMIN),
                            new DemoUser("grace@acme.example", "Grace Hopper", Role.USER),
                            new DemoUser(DemoData.CONSULTANT, "Kim Consultant", Role.ADMIN))),
            new DemoTenant(
                    "globex",
                    "Globex",
                    List.of(
                            new DemoUser("maria@globex.example", "Maria Skłodowska", Role.ADMIN),
                            new DemoUser("budi@globex.example", "Budi Santoso", Role.ADMIN),
                            new DemoUser("hank@globex.example", "Hank Scorpio", Role.USER),
                            new DemoUser(DemoData.CONSULTANT, "Kim Consultant", Role.USER))));
    /** One person in both tenants (an agency running mail for several customers): signs in, then picks one. */
    static final String CONSULTANT = "kim@agency.example";

    static final String OPERATOR = "operator@mailroom.example";

    private final TenantProvisioning tenants;
    private final UserProvisioning users;
    private final OperatorAccounts operators;

    /** Any fixed number: the key of the advisory lock that lets one node at a time seed. */
    private static final long SEEDING_LOCK = 0x6d61696c726f6f6dL;

    private final DataSource dataSource;

    DemoData(TenantProvisioning tenants, UserProvisioning users, OperatorAccounts operators, DataSource dataSource) {
        this.tenants = tenants;
        this.users = users;
        this.operators = operators;
        this.dataSource = dataSource;
    }

    /** Two demo nodes starting at once on one database: the second waits, then finds the tenants there. */
    @Override
    public void run(ApplicationArguments args) throws SQLException {
        try (Connection lock = dataSource.getConnection();
                var st = lock.createStatement()) {
            st.execute("select pg_advisory_lock(" + SEEDING_LOCK + ")");
            try {
                seed();
            } finally {
                st.execute("select pg_advisory_unlock(" + SEEDING_LOCK + ")");
            }
        }
    }

    private void seed() {
        if (tenants.anyTenantExists()) {
            return;
        }
        for (var demo : TENANTS) {
            var tenant = tenants.createTenant(demo.slug(), demo.name());
            TenantContext.callAsTenant(tenant.id(), () -> {
                demo.users().forEach(u -> users.addUser(u.email(), u.name(), PASSWORD, u.role()));
                return null;
            });
        }
        operators.addOperator(OPERATOR, "Platform Operator", PASSWORD);
        log.info("Created demo tenants Acme and Globex; every demo account's password is '{}'", PASSWORD);
    }
}
