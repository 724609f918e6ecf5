package dev.mailroom.outbox;

/**
 * The send API needs the tenant's own mail server: the deployment's default service (the operator's relay and its
 * reputation) takes the product's bulk mail only where the operator allows it ({@code mailroom.send-api.default-service}).
 */
public class SendApiUnavailableException extends RuntimeException {

    SendApiUnavailableException() {
        super("The send API needs custom SMTP settings on this deployment");
    }
}
