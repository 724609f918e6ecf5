package dev.mailroom.secrets;

/** The key is unknown, or the ciphertext was made for another tenant or purpose, or was tampered with. */
public class SecretUnreadableException extends RuntimeException {

    SecretUnreadableException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
