package dev.mailroom.api;

/** No such thing at this address for this tenant; {@code type} names what (a problem type, answered with 404). */
final class NothingHereException extends RuntimeException {

    private final String type;

    NothingHereException(String type) {
        super(type);
        this.type = type;
    }

    String type() {
        return type;
    }
}
