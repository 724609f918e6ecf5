package dev.mailroom.throttle;

/** What is limited. "Test connection" and "Send test email" share one budget: both open a connection. */
public enum ThrottledAction {
    SAVE("save"),
    CONNECTION_TEST("test");

    final String key;

    ThrottledAction(String key) {
        this.key = key;
    }
}
