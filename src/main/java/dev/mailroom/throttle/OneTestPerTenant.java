package dev.mailroom.throttle;

import dev.mailroom.tenant.CurrentTenant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One connection test at a time per tenant, on every node: a lease row in PostgreSQL (row-level security
 * applies: a tenant can only take its own). A node that dies mid-test holds the lease until it expires.
 */
public class OneTestPerTenant {

    /** Held while a test runs; closing it lets the tenant's next test start. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final long leaseSeconds;

    OneTestPerTenant(JdbcClient jdbc, TransactionTemplate transaction, ThrottleProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.leaseSeconds = properties.testLease().toSeconds();
    }

    /**
     * Takes the signed-in admin's tenant's lease.
     *
     * @throws TestAlreadyRunningException another test of this tenant holds the lease
     */
    public Lease begin() {
        UUID tenant = CurrentTenant.require();
        UUID holder = UUID.randomUUID();
        Integer taken = transaction.execute(tx -> jdbc.sql("""
                        insert into connection_test_lease (tenant_id, holder, expires_at)
                        values (:tenant, :holder, clock_timestamp() + make_interval(secs => :seconds))
                        on conflict (tenant_id) do update set holder = excluded.holder, expires_at = excluded.expires_at
                        where connection_test_lease.expires_at < clock_timestamp()""")
                .param("tenant", tenant)
                .param("holder", holder)
                .param("seconds", leaseSeconds)
                .update());
        if (taken == null || taken == 0) {
            throw new TestAlreadyRunningException();
        }
        return () -> transaction.executeWithoutResult(
                tx -> jdbc.sql("delete from connection_test_lease where tenant_id = :tenant and holder = :holder")
                        .param("tenant", tenant)
                        .param("holder", holder)
                        .update());
    }
}
