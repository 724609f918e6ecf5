package dev.mailroom.mailbox;

import dev.mailroom.mail.ConnectionSecurity;

/**
 * What to enter in custom SMTP settings to send to the demo mailbox. The password is the demo's, the same
 * for every tenant and shown on purpose; the certificate is the demo CA's, to paste as custom trust.
 */
public record DemoMailboxAccess(
        String host, int port, ConnectionSecurity security, String username, String password, String caPem) {}
