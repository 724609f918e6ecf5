package dev.mailroom.oauth;

/** What the client-credentials grant needs. The secret never leaves this record except to the token endpoint. */
public record ClientCredentials(TokenEndpoint endpoint, String clientId, String clientSecret, String scope) {

    @Override
    public String toString() {
        return "ClientCredentials[" + endpoint + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
