package dev.mailroom.secrets;

/** A ciphertext and the id of the key that made it; safe to store, useless without the key. */
public record SealedSecret(String keyId, byte[] ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[" + keyId + "]";
    }
}
