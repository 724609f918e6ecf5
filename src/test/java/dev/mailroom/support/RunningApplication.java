package dev.mailroom.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, as a browser or a script meets it (demo data, the demo mailbox, a
 * quick outbox). One set of properties, so the browser tests and the API tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mailroom.demo.enabled=true",
            "mailroom.demo-mailbox.port=0",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.mail.read-timeout=2s",
            "mailroom.mail.connect-timeout=2s",
            "logging.level.org.openqa.selenium.devtools=error",
            "logging.level.org.openqa.selenium.chromium=error"
        })
public @interface RunningApplication {}
