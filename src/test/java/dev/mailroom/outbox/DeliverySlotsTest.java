package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The node's, a tenant's and a server's shares of the delivery conversations. */
class DeliverySlotsTest {

    static DeliverySlots slots(int perDestination) {
        var source = new MapConfigurationPropertySource(java.util.Map.of(
                "mailroom.outbox.per-destination", String.valueOf(perDestination),
                "mailroom.outbox.per-tenant", "2",
                "mailroom.outbox.concurrency", "4"));
        var properties = new Binder(source).bindOrCreate("mailroom.outbox", OutboxProperties.class);
        return new DeliverySlots(properties);
    }

    @Test
    void aServerAtItsShareMakesTheNextConversationWaitUntilOneEnds() throws Exception {
        var slots = slots(1);
        assertThat(slots.tryTakeDestination("smtp.example.com:587", Duration.ZERO))
                .isTrue();
        assertThat(slots.tryTakeDestination("smtp.example.com:587", Duration.ofMillis(50)))
                .as("the server's one conversation is open")
                .isFalse();
        assertThat(slots.tryTakeDestination("other.example.com:587", Duration.ZERO))
                .as("another server has its own share")
                .isTrue();

        var waiting = new CountDownLatch(1);
        var got = new AtomicBoolean();
        var waiter = Thread.ofVirtual().start(() -> {
            waiting.countDown();
            try {
                got.set(slots.tryTakeDestination("smtp.example.com:587", Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        slots.releaseDestination("smtp.example.com:587");
        waiter.join(Duration.ofSeconds(30));
        assertThat(got).as("the waiting conversation got the freed one").isTrue();
    }

    @Test
    void aServerWithNoConversationOpenIsForgotten() throws Exception {
        var slots = slots(16);
        for (int i = 0; i < 100; i++) {
            String server = "smtp" + i + ".example.com:25";
            assertThat(slots.tryTakeDestination(server, Duration.ZERO)).isTrue();
            slots.releaseDestination(server);
        }
        assertThat(slots.destinationsOpen()).isZero();
    }

    @Test
    void aTenantAtItsShareIsPassedByAndComesBackWhenAConversationEnds() {
        var slots = slots(16);
        var tenant = java.util.UUID.randomUUID();
        slots.tenantStarted(tenant);
        assertThat(slots.tenantsAtLimit()).isEmpty();
        slots.tenantStarted(tenant);
        assertThat(slots.tenantsAtLimit()).containsExactly(tenant);
        slots.tenantEnded(tenant);
        assertThat(slots.tenantsAtLimit()).isEmpty();
        assertThat(slots.open()).isEqualTo(1);
    }
}
