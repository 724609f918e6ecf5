package dev.mailroom.oauth;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint said no, or could not be reached. {@code errorCode} is the provider's OAuth error
 * (e.g. {@code invalid_client}) or one of ours: {@code unreachable}, {@code timeout}, {@code too_slow} (past
 * the request's deadline), {@code too_long} (an answer past the cap), {@code bad_response}, {@code egress_refused}.
 */
public class TokenRequestFailedException extends Exception {

    /** The token URL points where the deployment's egress policy does not allow connections. */
    public static final String EGRESS_REFUSED = "egress_refused";

    /** Mailroom's own codes: English words for what happened, not an answer of the provider. */
    private static final java.util.Set<String> OURS = java.util.Set.of(
            "unreachable", "timeout", "too_slow", "too_long", "bad_response", "interrupted", EGRESS_REFUSED);

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
            case "unreachable", "timeout", "interrupted" ->
                microsoft ? "mail.explain.token-unreachable" : "mail.explain.token-unreachable.url";
            case EGRESS_REFUSED -> "mail.explain.egress-refused";
            case "bad_response" -> "mail.explain.token-bad-response";
            case "too_slow" -> "mail.explain.token-too-slow";
            case "too_long" -> "mail.explain.token-too-long";
            default -> "mail.explain.token-failed";
        };
    }

    /**
     * The provider's own error code (RFC 6749 section 5.2, e.g. {@code invalid_client}), shown to every admin as
     * it is; empty for Mailroom's own codes, whose explanation says it in the reader's language.
     */
    public static java.util.Optional<String> providerCode(String errorCode) {
        return OURS.contains(errorCode) ? java.util.Optional.empty() : java.util.Optional.of(errorCode);
    }
}
