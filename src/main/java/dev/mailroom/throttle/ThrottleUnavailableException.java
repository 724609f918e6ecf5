package dev.mailroom.throttle;

/** The limiter's store could not be asked, so the attempt is refused: the limit fails closed, not open. */
public class ThrottleUnavailableException extends RuntimeException {

    ThrottleUnavailableException(Throwable cause) {
        super("The attempt limiter is unavailable", cause);
    }
}
