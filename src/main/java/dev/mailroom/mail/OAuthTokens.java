package dev.mailroom.mail;

import dev.mailroom.oauth.AccessToken;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.ClientCredentialsClient;
import dev.mailroom.oauth.TokenRequestFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Access tokens per tenant, reused until shortly before they expire. An entry is keyed by the credentials
 * it came from (so a test with unsaved changes never reuses the saved settings' token), dropped when the
 * tenant's settings change and when the SMTP server refuses it.
 */
@Component
class OAuthTokens {

    /** Renewed this long before expiry, so a token never expires in the middle of a conversation. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    /** Providers that do not say how long a token lives: assume a short life rather than forever. */
    static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

    private record Cached(String key, AccessToken token) {}

    private final ClientCredentialsClient client;
    private final Clock clock;
    private final Map<UUID, Cached> byTenant = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    OAuthTokens(ClientCredentialsClient client, Clock clock, MeterRegistry meters) {
        this.client = client;
        this.clock = clock;
        this.meters = meters;
    }

    /** A usable token and whether it came from the cache. */
    record Lease(AccessToken token, boolean cached) {}

    /** @param within how long fetching a new one may take */
    Lease token(UUID tenant, ClientCredentials credentials, Duration within) throws TokenRequestFailedException {
        String key = keyOf(credentials);
        var cached = byTenant.get(tenant);
        if (cached != null && cached.key().equals(key) && stillGood(cached.token())) {
            meters.counter("mailroom.oauth.token.cache", "result", "hit").increment();
            return new Lease(cached.token(), true);
        }
        meters.counter("mailroom.oauth.token.cache", "result", "miss").increment();
        var fresh = client.obtain(credentials, within);
        byTenant.put(tenant, new Cached(key, fresh));
        return new Lease(fresh, false);
    }

    void forget(UUID tenant) {
        byTenant.remove(tenant);
    }

    private boolean stillGood(AccessToken token) {
        var lifetime = token.expiresIn() == null ? UNKNOWN_LIFETIME : token.expiresIn();
        return clock.instant().isBefore(token.obtainedAt().plus(lifetime).minus(MARGIN));
    }

    private static String keyOf(ClientCredentials c) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                c.endpoint().toString(), c.clientId(), c.clientSecret().reveal(), c.scope()
            }) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
