package dev.mailroom.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;

/** Custom settings for a test server on 127.0.0.1 without TLS (GreenMail, plain SubEthaSMTP). */
public final class LoopbackSmtp {

    /** The account {@link #greenMail()} accepts. */
    public static final String USER = "mailer";

    public static final String PASSWORD = "mailer-password";

    private LoopbackSmtp() {}

    /** A plain GreenMail SMTP server on a free loopback port that requires AUTH as {@link #USER}. */
    public static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
    }

    /** Basic settings for {@code server} (see {@link #greenMail()}) with its account. */
    public static SmtpSettingsDraft basic(GreenMailExtension server) {
        return basic(server.getSmtp().getPort(), USER, PASSWORD);
    }

    /** Plain SMTP with AUTH (Basic), sender noreply@mailroom.test. */
    public static SmtpSettingsDraft basic(int port, String username, String password) {
        return SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(port)
                .security(ConnectionSecurity.NONE)
                .senderName("Mailroom Test")
                .senderAddress("noreply@mailroom.test")
                .authType(AuthType.BASIC)
                .username(username)
                .newPassword(password)
                .build();
    }
}
