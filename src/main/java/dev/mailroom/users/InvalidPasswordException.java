package dev.mailroom.users;

import java.util.List;

/** A chosen password breaks a rule; {@code messageKey} says which, for the field. */
public class InvalidPasswordException extends RuntimeException {
    private final String messageKey;
    private final List<Object> args;

    InvalidPasswordException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = List.of(args);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> args() {
        return args;
    }
}
