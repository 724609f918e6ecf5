package dev.mailroom.users;

/** An invitation's email or name is not acceptable; {@code field} is "email" or "name". */
public class InvalidInvitationException extends RuntimeException {
    private final String field;
    private final String messageKey;

    InvalidInvitationException(String field, String messageKey) {
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
