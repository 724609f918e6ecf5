package dev.mailroom.smtp;

/** Another admin saved (or removed) the settings since this form was loaded; nothing was overwritten. */
public class ConcurrentEditException extends RuntimeException {

    ConcurrentEditException() {
        super("The SMTP settings were changed by someone else");
    }
}
