package dev.mailroom.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How Mailroom talks SMTP ({@code mailroom.mail.*}).
 *
 * @param ehloName       the name Mailroom greets servers with, and the Message-ID domain when a sender has none
 * @param connectTimeout how long a TCP connection may take; Jakarta Mail would wait for ever
 * @param readTimeout    how long Mailroom waits for each reply (and for each write to go out)
 * @param testDeadline   how long a whole connection test or test email may take, and a delivery's connection
 *                       (name lookup, token, connect, TLS, EHLO, AUTH) before its first message: a server that
 *                       trickles its replies is cut off then, whatever the read timeout
 * @param messageDeadline how long one message of a delivery may take, from MAIL FROM to the server's reply
 * @param maxReplyBytes  the most a server may send in one of those parts (the TLS handshake included): replies
 *                       are kept whole in memory, so a server that never ends one is cut off there
 */
@ConfigurationProperties("mailroom.mail")
@Validated
public record MailProperties(
        @DefaultValue("mailroom.invalid") @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]+")
        String ehloName,

        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout,
        @DefaultValue("30s") @NotNull Duration testDeadline,
        @DefaultValue("60s") @NotNull Duration messageDeadline,
        @DefaultValue("256KB") @NotNull DataSize maxReplyBytes) {

    /** A fresh allowance for a test, or for the opening of a delivery's connection. */
    ServerBudget openingBudget() {
        return ServerBudget.of(testDeadline, maxReplyBytes.toBytes());
    }
}
