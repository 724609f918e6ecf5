package dev.mailroom.oauth;

import dev.mailroom.secrets.Secret;

/** What the client-credentials grant needs. The secret is revealed only to the token endpoint. */
public record ClientCredentials(TokenEndpoint endpoint, String clientId, Secret clientSecret, String scope) {}
