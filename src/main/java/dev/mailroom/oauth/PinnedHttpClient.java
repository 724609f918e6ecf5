package dev.mailroom.oauth;

import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.multipart.MultipartPayload;
import com.github.scribejava.core.model.OAuthAsyncRequestCallback;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import dev.mailroom.egress.Destination;
import dev.mailroom.egress.EgressPolicy;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * ScribeJava's HTTP, through Apache HttpClient, connected to the address the egress policy checked: the name
 * is never looked up again, so an answer that changes between the check and the connect (DNS rebinding) is
 * not followed. TLS still uses the name (SNI, certificate name check). No redirects, retries or cookies; a
 * client per token request (tokens are cached, so requests are rare).
 */
final class PinnedHttpClient implements HttpClient {

    private final CloseableHttpClient http;

    /** @param pinned the checked destination, or null to resolve as usual (the operator's own authority) */
    PinnedHttpClient(@Nullable Destination pinned, int timeoutMillis) {
        var timeout = Timeout.ofMilliseconds(timeoutMillis);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned == null ? SystemDefaultDnsResolver.INSTANCE : new PinnedResolver(pinned))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Answers the checked name with the checked address, and nothing else. */
    private record PinnedResolver(Destination pinned) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (!EgressPolicy.bare(host).equals(EgressPolicy.bare(pinned.host()))) {
                throw new UnknownHostException(host + " was not checked by the egress policy");
            }
            return new InetAddress[] {pinned.address()};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    @Override
    public Response execute(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            byte @org.jspecify.annotations.Nullable [] body)
            throws IOException {
        var request = ClassicRequestBuilder.create(verb.name()).setUri(url);
        headers.forEach(request::addHeader);
        if (userAgent != null) {
            request.setHeader("User-Agent", userAgent);
        }
        if (body != null && verb.isPermitBody()) {
            String type = headers.getOrDefault(CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(type)));
            request.removeHeaders(CONTENT_TYPE);
        }
        return http.execute(request.build(), response -> {
            var responseHeaders = new LinkedHashMap<String, String>();
            for (var header : response.getHeaders()) {
                responseHeaders.put(header.getName(), header.getValue());
            }
            String text = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Response(response.getCode(), response.getReasonPhrase(), responseHeaders, text);
        });
    }

    @Override
    public Response execute(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            @org.jspecify.annotations.Nullable String body)
            throws IOException {
        return execute(userAgent, headers, verb, url, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Response execute(
            String userAgent, Map<String, String> headers, Verb verb, String url, MultipartPayload body) {
        throw new UnsupportedOperationException("token requests are forms");
    }

    @Override
    public Response execute(String userAgent, Map<String, String> headers, Verb verb, String url, File body) {
        throw new UnsupportedOperationException("token requests are forms");
    }

    @Override
    public <T> Future<T> executeAsync(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            byte[] body,
            OAuthAsyncRequestCallback<T> callback,
            OAuthRequest.ResponseConverter<T> converter) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public <T> Future<T> executeAsync(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            MultipartPayload body,
            OAuthAsyncRequestCallback<T> callback,
            OAuthRequest.ResponseConverter<T> converter) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public <T> Future<T> executeAsync(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            String body,
            OAuthAsyncRequestCallback<T> callback,
            OAuthRequest.ResponseConverter<T> converter) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public <T> Future<T> executeAsync(
            String userAgent,
            Map<String, String> headers,
            Verb verb,
            String url,
            File body,
            OAuthAsyncRequestCallback<T> callback,
            OAuthRequest.ResponseConverter<T> converter) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void close() throws IOException {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
