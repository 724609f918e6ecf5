package dev.mailroom.api;

import java.util.List;

/** A request field holds a value the endpoint does not know; {@code allowed} lists the ones it does. */
class UnknownValueException extends RuntimeException {

    private final String field;
    private final List<String> allowed;

    UnknownValueException(String field, List<String> allowed) {
        super(field + " must be one of " + allowed);
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    String field() {
        return field;
    }

    List<String> allowed() {
        return allowed;
    }
}
