package dev.mailroom.throttle;

/** What is limited. "Test connection" and "Send test email" share one budget: both open a connection. */
public enum ThrottledAction {
    SAVE("save"),
    CONNECTION_TEST("test"),
    /** Invitations and their resending, per admin and per tenant: mail to strangers is the deployment's name. */
    INVITATION("invite"),
    /** "Forgot password?": counted per address asked for and per client, before anyone is signed in. */
    PASSWORD_RESET("reset"),
    /** Send API requests (POST /api/v1/messages) per admin and per tenant: mail the product sends in bulk. */
    MESSAGE("message"),
    /** Sending a tenant's mail at its provider's rate (not an attempt: mail above the rate waits). */
    SENDING("send"),
    /** Signing in: counted per account (its sign-in name) and per client; only failures use attempts up. */
    SIGN_IN("signin");

    final String key;

    ThrottledAction(String key) {
        this.key = key;
    }
}
