package dev.mailroom.mail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Mailroom talks SMTP ({@code mailroom.mail.*}).
 *
 * @param ehloName       the name Mailroom greets servers with, and the Message-ID domain when a sender has none
 * @param connectTimeout how long a TCP connection may take; Jakarta Mail would wait for ever
 * @param readTimeout    how long Mailroom waits for each reply
 */
@ConfigurationProperties("mailroom.mail")
@Validated
public record MailProperties(
        @DefaultValue("mailroom.invalid") @NotBlank @Pattern(regexp = "[A-Za-z0-9.-]+")
        String ehloName,

        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout) {}
