package dev.mailroom.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where mailed links point ({@code mailroom.public-url}): the address people reach Mailroom at. */
@ConfigurationProperties("mailroom")
@Validated
public record LinkProperties(
        @NotBlank @Pattern(regexp = "https?://\\S+") String publicUrl) {}
