package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mail.ThrottlingReplies;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Pauses in a row grow, up to the longest; a run that ended long ago starts again from the first pause. */
@MailroomTest
class DeliveryPausesTest {

    static final ThrottlingReplies.Throttling SLOW_DOWN =
            new ThrottlingReplies.Throttling(ThrottlingReplies.Kind.RATE, "421 4.7.0 Try again later");

    @Autowired
    DeliveryPauses pauses;

    @Autowired
    TestTenants fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private DeliveryPause pause(UUID tenant) {
        return pauses.pause(
                tenant,
                "smtp.example.com:587",
                SLOW_DOWN,
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                UUID.randomUUID(),
                "n");
    }

    @Test
    void eachPauseInARowIsLongerUntilTheLongestAndAnOldRunStartsAgain() {
        var tenant = fixtures.newTenant("Pauses").id();
        var first = pause(tenant);
        assertThat(first.pauses()).isEqualTo(1);
        assertThat(first.until())
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(70));
        var second = pause(tenant);
        assertThat(second.pauses()).isEqualTo(2);
        assertThat(second.until())
                .isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(130));
        for (int i = 0; i < 10; i++) {
            pause(tenant);
        }
        assertThat(pause(tenant).until())
                .as("never longer than the longest")
                .isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(10));

        TenantContext.callAsOutboxDispatcher(() -> transaction.execute(
                tx -> jdbc.sql("update delivery_pause set paused_until = clock_timestamp() - interval '2 hours'"
                                + " where tenant_id = :tenant")
                        .param("tenant", tenant)
                        .update()));
        var again = pause(tenant);
        assertThat(again.pauses()).as("a run that ended long ago").isEqualTo(1);
        assertThat(again.until()).isBefore(Instant.now().plusSeconds(70));

        pauses.lift(tenant);
        assertThat(pause(tenant).pauses()).as("a delivery ends the run").isEqualTo(1);
    }
}
