package dev.mailroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on real PostgreSQL (the embedded server unless SPRING_DATASOURCE_URL names
 * another), with the demo tenants seeded. Tests that change data make tenants of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "mailroom.demo.enabled=true",
            "mailroom.oauth.allow-http-loopback=true",
            "mailroom.mail.read-timeout=2s",
            "mailroom.mail.connect-timeout=2s",
            // Every test signs in a new admin of a new tenant, but many talk to the same loopback servers.
            "mailroom.throttle.connection-test.host.capacity=100000",
            // Dispatchers of cached contexts would act as extra nodes with their own retry timings; outbox tests
            // turn theirs on.
            "mailroom.outbox.enabled=false",
            // Each cached context runs its own demo mailbox: any free port.
            "mailroom.demo-mailbox.port=0",
            // The loopback test servers stand for an operator's private relay, where plaintext AUTH may be allowed.
            "mailroom.egress.plaintext-auth-networks=127.0.0.0/8"
        })
@Import(TrackedTasks.class)
public @interface MailroomTest {}
