package dev.mailroom.support;

import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.ConnectionSecurity;
import dev.mailroom.smtp.SmtpSettingsDraft;

/** Custom settings for a test server on 127.0.0.1 without TLS (GreenMail, plain SubEthaSMTP). */
public final class LoopbackSmtp {

    private LoopbackSmtp() {
    }

    /** Plain SMTP with AUTH (Basic), sender noreply@mailroom.test. */
    public static SmtpSettingsDraft basic(int port, String username, String password) {
        return SmtpSettingsDraft.builder().host("127.0.0.1").port(port).security(ConnectionSecurity.NONE)
                .senderName("Mailroom Test").senderAddress("noreply@mailroom.test")
                .authType(AuthType.BASIC).username(username).newPassword(password).build();
    }
}
