package dev.mailroom.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets whoever holds them presents (a mailed link's token, an API token): 256 random bits, URL-safe, and
 * stored only as their SHA-256. Nothing to guess, so a fast hash is enough; the database never holds the secret.
 */
public final class BearerSecrets {

    private static final SecureRandom random = new SecureRandom();

    private BearerSecrets() {}

    /** 256 random bits, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** What is stored and looked up: the SHA-256 of the secret as presented. */
    public static byte[] hash(String presented) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
