package dev.mailroom.mailbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailroom.demo-mailbox.*}; the mailbox itself runs only when {@code mailroom.demo.enabled} is on.
 *
 * @param port           the loopback port; 0 for any free one. If it is taken, a free one is used instead
 * @param username       the one account the mailbox accepts (AUTH PLAIN or LOGIN)
 * @param password       its password: a demo password, shown on the Mailbox page for custom settings
 * @param maxMessageSize larger messages are refused (552)
 * @param keep           messages kept per tenant; older ones are dropped as new ones arrive
 */
@ConfigurationProperties("mailroom.demo-mailbox")
public record DemoMailboxProperties(
        @DefaultValue("2525") int port,
        @DefaultValue("mailbox") String username,
        @DefaultValue("mailroom-demo") String password,
        @DefaultValue("1MB") DataSize maxMessageSize,
        @DefaultValue("200") int keep) {}
