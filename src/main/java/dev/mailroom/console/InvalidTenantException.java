package dev.mailroom.console;

/** A new tenant's name or slug is not acceptable; {@code field} is "name" or "slug". */
public class InvalidTenantException extends RuntimeException {
    static final String SLUG_TAKEN = "console.create.error.slug-taken";

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

    /** Another tenant has the slug: a conflict with what exists, not a typo. */
    public boolean slugTaken() {
        return messageKey.equals(SLUG_TAKEN);
    }
}
