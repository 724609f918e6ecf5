package dev.mailroom.users;

import java.nio.charset.StandardCharsets;

/**
 * What a chosen password must be: long enough to resist guessing (NIST SP 800-63B: length over composition
 * rules), short enough for BCrypt, which only reads 72 bytes, and not the account's own address.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private PasswordRules() {}

    static void check(String password, String repeated, String email) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidPasswordException("password.too-short", MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidPasswordException("password.too-long");
        }
        if (password.strip().equalsIgnoreCase(email.strip())) {
            throw new InvalidPasswordException("password.is-email");
        }
        if (!password.equals(repeated)) {
            throw new InvalidPasswordException("password.mismatch");
        }
    }
}
