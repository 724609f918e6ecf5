package dev.mailroom.smtp;

/** The tenant uses the default mail service, and the operator has not configured one. */
public class NoMailServiceException extends RuntimeException {

    NoMailServiceException() {
        super("No default mail service is configured (mailroom.default-mail.host)");
    }
}
