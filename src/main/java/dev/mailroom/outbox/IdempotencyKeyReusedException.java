package dev.mailroom.outbox;

/** An Idempotency-Key this tenant already used for a different request: nothing is sent for this one. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("The Idempotency-Key was used for another request");
    }
}
