package dev.mailroom.users;

/** The address already has an account (in this or another tenant: one login name per deployment). */
public class EmailTakenException extends RuntimeException {
    public EmailTakenException() {
        super("email taken");
    }
}
