package dev.mailroom.scan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ClamAV daemon that scans uploaded certificates ({@code mailroom.clamav.*}); no host, no scanning.
 */
@ConfigurationProperties("mailroom.clamav")
@Validated
public record ClamAvProperties(
        @DefaultValue("") String host,
        @DefaultValue("3310") @Min(1) @Max(65535) int port,
        @DefaultValue("10s") @NotNull Duration timeout) {}
