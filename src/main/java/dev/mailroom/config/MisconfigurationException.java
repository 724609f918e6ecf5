package dev.mailroom.config;

/**
 * The configuration cannot work: Mailroom does not start. The message says what is wrong in one line and
 * {@link #action()} which setting to change; Spring Boot prints both instead of a stack trace.
 */
public class MisconfigurationException extends RuntimeException {

    private final String action;

    public MisconfigurationException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public MisconfigurationException(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
