package dev.mailroom.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts stored secrets with AES-GCM. The caller names what a secret is for (e.g. the
 * tenant and the field) and that name is bound in as associated data: a ciphertext copied to another
 * tenant's row, or from the password column to the client-secret column, does not decrypt.
 */
@Component
public class SecretCipher {

    private final SecretKeys keys;

    SecretCipher(SecretKeys keys) {
        this.keys = keys;
    }

    public String currentKeyId() {
        return keys.currentId();
    }

    public SealedSecret seal(String plaintext, String boundTo) {
        try {
            byte[] ciphertext = keys.current().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), aad(boundTo));
            return new SealedSecret(keys.currentId(), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String open(SealedSecret sealed, String boundTo) {
        try {
            byte[] plain = keys.byId(sealed.keyId()).decrypt(sealed.ciphertext(), aad(boundTo));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("A stored secret does not decrypt for " + boundTo, e);
        }
    }

    private static byte[] aad(String boundTo) {
        return ("mailroom:" + boundTo).getBytes(StandardCharsets.UTF_8);
    }
}
