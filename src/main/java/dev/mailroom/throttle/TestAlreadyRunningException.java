package dev.mailroom.throttle;

/** Another admin of the same tenant (on any node) is running a connection test right now. */
public class TestAlreadyRunningException extends RuntimeException {

    TestAlreadyRunningException() {
        super("A connection test of this tenant is already running");
    }
}
