package dev.mailroom.oauth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * OAuth 2.0 token requests ({@code mailroom.oauth.*}).
 *
 * @param microsoftAuthority where Microsoft Entra's token endpoints live (a national cloud has its own)
 * @param timeout            how long a token request may take
 * @param allowHttpLoopback  accept {@code http://} token URLs on loopback (tests and local providers only)
 */
@ConfigurationProperties("mailroom.oauth")
@Validated
public record OAuthProperties(
        @DefaultValue("https://login.microsoftonline.com/") @Pattern(regexp = "https?://\\S+")
        String microsoftAuthority,

        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("false") boolean allowHttpLoopback) {}
