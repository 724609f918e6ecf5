package dev.mailroom.status;

/** What found the problem; a later success of the same kind clears it. */
public enum StatusSource {
    SAVE,
    TEST,
    DELIVERY,
    EXPIRY
}
