package dev.mailroom.console;

/** A new tenant's name or slug is not acceptable; {@code field} is "name" or "slug". */
public class InvalidTenantException extends RuntimeException {
    private final String field;
    private final String messageKey;

    InvalidTenantException(String field, String messageKey) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
