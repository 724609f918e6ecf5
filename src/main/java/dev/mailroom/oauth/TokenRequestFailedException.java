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
    /** Microsoft Entra (a directory id) or any provider (a token URL): what the admin can check differs. */
    private final boolean microsoft;

    TokenRequestFailedException(String errorCode, @Nullable String description, @Nullable Throwable cause) {
        this(errorCode, description, cause, false);
    }

    private TokenRequestFailedException(
            String errorCode, @Nullable String description, @Nullable Throwable cause, boolean microsoft) {
        super(errorCode + (description == null ? "" : ": " + description), cause);
        this.errorCode = errorCode;
        this.description = description;
        this.microsoft = microsoft;
    }

    /** The same failure, for advice about this kind of endpoint. */
    TokenRequestFailedException from(TokenEndpoint endpoint) {
        var kind = new TokenRequestFailedException(
                errorCode, description, getCause(), endpoint instanceof TokenEndpoint.Microsoft);
        kind.setStackTrace(getStackTrace());
        return kind;
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
            // Each names only the fields the chosen provider has: a directory id for Microsoft, else a token URL.
            case "invalid_client", "unauthorized_client" ->
                microsoft ? "mail.explain.invalid-client" : "mail.explain.invalid-client.url";
            case "unreachable", "timeout" ->
                microsoft ? "mail.explain.token-unreachable" : "mail.explain.token-unreachable.url";
            case EGRESS_REFUSED -> "mail.explain.egress-refused";
            default -> "mail.explain.token-failed";
        };
    }
}
