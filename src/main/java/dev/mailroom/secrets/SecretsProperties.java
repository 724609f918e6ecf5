package dev.mailroom.secrets;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys for stored secrets ({@code mailroom.secrets.*}): the current one, given or in a file, and earlier
 * ones that still open what they sealed (rotation). {@link SecretKeys} checks each key.
 */
@ConfigurationProperties("mailroom.secrets")
public record SecretsProperties(
        @DefaultValue("") String key,
        @DefaultValue("") String keyFile,
        @DefaultValue List<String> previousKeys) {}
