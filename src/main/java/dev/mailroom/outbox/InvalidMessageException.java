package dev.mailroom.outbox;

/** A send API message Mailroom would not send as it is: the field at fault and the translation key of why. */
public class InvalidMessageException extends RuntimeException {

    private final String field;
    private final String messageKey;

    InvalidMessageException(String field, String messageKey) {
        super(messageKey);
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
