package dev.mailroom.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import dev.mailroom.config.MisconfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The keys that protect stored secrets: the current one (new ciphertexts) and earlier ones (still read,
 * for rotation). A key is 32 random bytes, base64, from {@code MAILROOM_SECRET_KEY} or a key file. The
 * embedded/demo mode makes one on first start and keeps it beside its database.
 */
@Component
@EnableConfigurationProperties(SecretsProperties.class)
class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);
    private final String currentId;
    private final Map<String, Aead> byId = new LinkedHashMap<>();

    SecretKeys(
            SecretsProperties properties,
            // Set by the embedded database at start-up, not by operators.
            @Value("${mailroom.embedded-database.active:false}") boolean embedded,
            @Value("${mailroom.embedded-database.data-dir:}") String embeddedDataDir) {
        String key = properties.key();
        String current = key.isBlank() ? fromFile(properties.keyFile(), embedded, embeddedDataDir) : key.strip();
        this.currentId = add(current);
        properties.previousKeys().stream().filter(k -> !k.isBlank()).forEach(k -> add(k.strip()));
    }

    private static String fromFile(String keyFile, boolean embedded, String embeddedDataDir) {
        Path file;
        if (!keyFile.isBlank()) {
            file = Path.of(keyFile);
        } else if (embedded) {
            file = Path.of(embeddedDataDir).toAbsolutePath().resolveSibling("secret.key");
        } else {
            throw new MisconfigurationException(
                    "No key for stored secrets: MAILROOM_SECRET_KEY is not set.",
                    "Set MAILROOM_SECRET_KEY to 32 random bytes in base64 (`openssl rand -base64 32`), or "
                            + "MAILROOM_SECRETS_KEY_FILE to a file that holds them.");
        }
        try {
            if (!Files.exists(file) && embedded) {
                var bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                log.info("Created a key for stored secrets in {}", file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secrets key file " + file, e);
        }
    }

    private String add(String base64Key) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64Key);
            if (raw.length != 32) {
                throw new MisconfigurationException(
                        "A key for stored secrets is " + raw.length + " bytes long, not 32.",
                        "Set MAILROOM_SECRET_KEY (and any MAILROOM_SECRETS_PREVIOUS_KEYS) to 32 random bytes in base64 "
                                + "(`openssl rand -base64 32`).");
            }
            var parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            var aesKey = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                    .build();
            String id = idOf(raw);
            byId.putIfAbsent(id, AesGcmJce.create(aesKey));
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unusable secrets key", e);
        } catch (IllegalArgumentException e) {
            throw new MisconfigurationException(
                    "A key for stored secrets is not base64.",
                    "Set MAILROOM_SECRET_KEY to 32 random bytes in base64 (`openssl rand -base64 32`).",
                    e);
        }
    }

    /** A stable, public name for a key: lets an operator see which key a row needs, reveals nothing of it. */
    private static String idOf(byte[] raw) throws GeneralSecurityException {
        var digest = MessageDigest.getInstance("SHA-256");
        digest.update("mailroom-secret-key-id".getBytes(StandardCharsets.US_ASCII));
        return "k-" + HexFormat.of().formatHex(digest.digest(raw), 0, 6);
    }

    String currentId() {
        return currentId;
    }

    Aead current() {
        return java.util.Objects.requireNonNull(byId.get(currentId), "the current key is always loaded");
    }

    Aead byId(String id) {
        var aead = byId.get(id);
        if (aead == null) {
            throw new SecretUnreadableException(
                    "Unknown secrets key " + id + ": is it in MAILROOM_SECRETS_PREVIOUS_KEYS?", null);
        }
        return aead;
    }
}
