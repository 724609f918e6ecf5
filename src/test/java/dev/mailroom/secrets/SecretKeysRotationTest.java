package dev.mailroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rotation (MAILROOM_SECRET_KEY with MAILROOM_SECRETS_PREVIOUS_KEYS), without Spring. */
class SecretKeysRotationTest {

    static String newKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static SecretCipher cipher(String key, String... previous) {
        return new SecretCipher(new SecretKeys(new SecretsProperties(key, "", List.of(previous)), false, ""));
    }

    final String oldKey = newKey();
    final String newKey = newKey();

    @Test
    void afterRotationOldSecretsStillOpenAndNewOnesAreSealedWithTheNewKey() {
        var sealedBefore = cipher(oldKey).seal("s3cret", "smtp:t:password");
        var rotated = cipher(newKey, oldKey);

        assertThat(rotated.open(sealedBefore, "smtp:t:password")).isEqualTo("s3cret");
        var sealedAfter = rotated.seal("s3cret", "smtp:t:password");
        assertThat(sealedAfter.keyId()).isEqualTo(rotated.currentKeyId()).isNotEqualTo(sealedBefore.keyId());
        assertThat(cipher(newKey).open(sealedAfter, "smtp:t:password"))
                .as("once everything is sealed again, the old key can go")
                .isEqualTo("s3cret");
    }

    @Test
    void withoutThePreviousKeyAnOldSecretSaysWhichSettingIsMissing() {
        var sealedBefore = cipher(oldKey).seal("s3cret", "smtp:t:password");
        assertThatThrownBy(() -> cipher(newKey).open(sealedBefore, "smtp:t:password"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining(sealedBefore.keyId())
                .hasMessageContaining("MAILROOM_SECRETS_PREVIOUS_KEYS");
    }

    @Test
    void aSecretOpensOnlyForWhatItWasSealedFor() {
        var cipher = cipher(newKey);
        var sealed = cipher.seal("s3cret", "smtp:tenant-a:password");
        assertThatThrownBy(() -> cipher.open(sealed, "smtp:tenant-b:password"))
                .isInstanceOf(SecretUnreadableException.class);
    }
}
