package dev.mailroom.oauth;

import com.github.scribejava.apis.MicrosoftAzureActiveDirectory20Api;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.model.OAuth2AccessTokenErrorResponse;
import com.github.scribejava.core.model.OAuthResponseException;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import dev.mailroom.egress.Destination;
import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.egress.EgressRefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Obtains access tokens with the OAuth 2.0 client-credentials grant (RFC 6749 §4.4), through ScribeJava. */
@Component
@EnableConfigurationProperties(OAuthProperties.class)
public class ClientCredentialsClient {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsClient.class);

    private final String microsoftAuthority;
    private final Duration timeout;
    private final EgressPolicy egress;
    private final MeterRegistry meters;
    private final java.time.Clock clock;

    ClientCredentialsClient(
            OAuthProperties properties, java.time.Clock clock, EgressPolicy egress, MeterRegistry meters) {
        this.meters = meters;
        this.clock = clock;
        String authority = properties.microsoftAuthority();
        this.microsoftAuthority = authority.endsWith("/") ? authority : authority + "/";
        this.timeout = properties.timeout();
        this.egress = egress;
    }

    public AccessToken obtain(ClientCredentials credentials) throws TokenRequestFailedException {
        return obtain(credentials, timeout);
    }

    /**
     * @param within how long the request may take at most (a connection test has a deadline of its own); never
     *               longer than the configured timeout
     */
    public AccessToken obtain(ClientCredentials credentials, Duration within) throws TokenRequestFailedException {
        try {
            var token = request(credentials, within.compareTo(timeout) < 0 ? within : timeout);
            meters.counter("mailroom.oauth.token.requests", "outcome", "ok").increment();
            return token;
        } catch (TokenRequestFailedException e) {
            meters.counter("mailroom.oauth.token.requests", "outcome", e.errorCode())
                    .increment();
            throw e.from(credentials.endpoint());
        }
    }

    private AccessToken request(ClientCredentials credentials, Duration deadline) throws TokenRequestFailedException {
        Destination pinned =
                credentials.endpoint() instanceof TokenEndpoint.Url url ? checkEgress(url.tokenUrl()) : null;
        // No redirects: a token endpoint that redirects elsewhere is not followed with our secret.
        var started = clock.instant();
        try (var service = new ServiceBuilder(credentials.clientId())
                .apiSecret(credentials.clientSecret().reveal())
                .httpClient(new PinnedHttpClient(pinned, deadline))
                .build(api(credentials.endpoint()))) {
            var token = service.getAccessTokenClientCredentialsGrant(credentials.scope());
            Integer expiresIn = token.getExpiresIn();
            return new AccessToken(
                    token.getAccessToken(), started, expiresIn == null ? null : Duration.ofSeconds(expiresIn));
        } catch (OAuth2AccessTokenErrorResponse e) {
            // The provider's error code, its HTTP status and (Microsoft Entra) its AADSTS number: never its free text,
            // which a token URL of the tenant's choosing could fill with whatever it read (issue 31).
            throw new TokenRequestFailedException(
                    e.getError() == null ? "error" : e.getError().getErrorString(), statusAndCode(e), null);
        } catch (OAuthResponseException e) {
            throw new TokenRequestFailedException(
                    "bad_response", "HTTP " + e.getResponse().getCode(), null);
        } catch (ConnectException | UnknownHostException e) {
            throw new TokenRequestFailedException("unreachable", e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            boolean slow = PinnedHttpClient.TOO_SLOW.equals(e.getMessage());
            throw new TokenRequestFailedException(slow ? "too_slow" : "timeout", e.getMessage(), e);
        } catch (PinnedHttpClient.ResponseTooLongException e) {
            throw new TokenRequestFailedException("too_long", e.getMessage(), e);
        } catch (IOException | ExecutionException | RuntimeException e) {
            // ScribeJava's message quotes the body it could not read as a token: the class says enough.
            throw new TokenRequestFailedException("bad_response", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestFailedException("interrupted", null, e);
        }
    }

    private static final java.util.regex.Pattern ENTRA_ERROR = java.util.regex.Pattern.compile("\\bAADSTS\\d{4,9}\\b");

    private static String statusAndCode(OAuth2AccessTokenErrorResponse e) {
        String status = "HTTP " + e.getResponse().getCode();
        var description = e.getErrorDescription();
        var entra = description == null ? null : ENTRA_ERROR.matcher(description);
        return entra != null && entra.find() ? status + ", " + entra.group() : status;
    }

    /**
     * A tenant-given token URL must pass the egress policy like an SMTP server, and the request then goes to
     * the address that was checked ({@link PinnedHttpClient}). The Microsoft authority is the operator's, so
     * it is not checked.
     */
    private Destination checkEgress(String tokenUrl) throws TokenRequestFailedException {
        try {
            var uri = URI.create(tokenUrl);
            int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            return egress.check(String.valueOf(uri.getHost()), port, EgressPolicy.Purpose.HTTPS);
        } catch (EgressRefusedException e) {
            log.warn("Egress policy refused an OAuth 2.0 token request: {}", e.getMessage());
            throw new TokenRequestFailedException(TokenRequestFailedException.EGRESS_REFUSED, null, null);
        } catch (UnknownHostException e) {
            throw new TokenRequestFailedException("unreachable", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TokenRequestFailedException("bad_response", "not a URL", e);
        }
    }

    private DefaultApi20 api(TokenEndpoint endpoint) {
        return switch (endpoint) {
            case TokenEndpoint.Microsoft m
            when microsoftAuthority.equals("https://login.microsoftonline.com/") ->
                MicrosoftAzureActiveDirectory20Api.custom(m.directoryId());
            case TokenEndpoint.Microsoft m -> new AuthorityOverride(microsoftAuthority, m.directoryId());
            case TokenEndpoint.Url u -> new GenericTokenApi(u.tokenUrl());
        };
    }

    /** Microsoft's protocol at another authority: lets tests point the "Microsoft" provider at a local server. */
    private static final class AuthorityOverride extends MicrosoftAzureActiveDirectory20Api {
        private final String tokenUrl;

        AuthorityOverride(String authority, String directoryId) {
            super(directoryId);
            this.tokenUrl = authority + directoryId + "/oauth2/v2.0/token";
        }

        @Override
        public String getAccessTokenEndpoint() {
            return tokenUrl;
        }
    }

    private static final class GenericTokenApi extends DefaultApi20 {
        private final String tokenUrl;

        GenericTokenApi(String tokenUrl) {
            this.tokenUrl = tokenUrl;
        }

        @Override
        public String getAccessTokenEndpoint() {
            return tokenUrl;
        }

        @Override
        protected String getAuthorizationBaseUrl() {
            throw new UnsupportedOperationException("client credentials only");
        }

        // The secret in the form body is what Microsoft and most providers accept (client_secret_post).
        @Override
        public ClientAuthentication getClientAuthentication() {
            return RequestBodyAuthenticationScheme.instance();
        }
    }
}
