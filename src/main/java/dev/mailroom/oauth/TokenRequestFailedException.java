package dev.mailroom.oauth;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint said no, or could not be reached. {@code errorCode} is the provider's OAuth error
 * (e.g. {@code invalid_client}) or one of ours: {@code unreachable}, {@code timeout}, {@code bad_response},
 * {@code egress_refused}.
 */
public class TokenRequestFailedException extends Exception {

    /** The token URL points where the deployment's egress policy does not allow connections. */
    public static final String EGRESS_REFUSED = "egress_refused";

    private final String errorCode;
    private final @Nullable String description;

    TokenRequestFailedException(String errorCode, @Nullable String description, @Nullable Throwable cause) {
        super(errorCode + (description == null ? "" : ": " + description), cause);
        this.errorCode = errorCode;
        this.description = description;
    }

    public String errorCode() {
        return errorCode;
    }

    public @Nullable String description() {
        return description;
    }

    /**
     * The translation key that tells an admin what to check (the same words whether a test or a save failed);
     * it takes the error code as its argument.
     */
    public String explanationKey() {
        return switch (errorCode) {
            case "invalid_client", "unauthorized_client" -> "mail.explain.invalid-client";
            case "unreachable", "timeout" -> "mail.explain.token-unreachable";
            case EGRESS_REFUSED -> "mail.explain.egress-refused";
            default -> "mail.explain.token-failed";
        };
    }
}
