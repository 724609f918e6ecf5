package dev.mailroom.oauth;

/** Where a client-credentials token comes from. */
public sealed interface TokenEndpoint {

    /** Microsoft Entra ID: the token URL follows from the directory (tenant) id. */
    record Microsoft(String directoryId) implements TokenEndpoint {}

    /** Any other provider, by its token URL. */
    record Url(String tokenUrl) implements TokenEndpoint {}
}
