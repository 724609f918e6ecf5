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
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * ScribeJava's HTTP, through Apache HttpClient, connected to the address the egress policy checked: the name
 * is never looked up again, so an answer that changes between the check and the connect (DNS rebinding) is
 * not followed. TLS still uses the name (SNI, certificate name check). No redirects, retries or cookies; a
 * client per token request (tokens are cached, so requests are rare).
 */
final class PinnedHttpClient implements HttpClient {

    /** An access token response is a few kilobytes: a body past this is no token response. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final CloseableHttpClient http;
    private final Duration deadline;

    /**
     * @param pinned   the checked destination, or null to resolve as usual (the operator's own authority)
     * @param deadline how long the whole request may take (connect, TLS, request, every byte of the answer): an
     *                 endpoint that trickles is cut off then; each read also times out after it
     */
    PinnedHttpClient(@Nullable Destination pinned, Duration deadline) {
        this.deadline = deadline;
        var timeout = Timeout.ofMilliseconds(Math.max(1, deadline.toMillis()));
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
        var request = new HttpUriRequestBase(verb.name(), URI.create(url));
        headers.forEach(request::addHeader);
        if (userAgent != null) {
            request.setHeader("User-Agent", userAgent);
        }
        if (body != null && verb.isPermitBody()) {
            String type = headers.getOrDefault(CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(type)));
            request.removeHeaders(CONTENT_TYPE);
        }
        var cutOff = new AtomicBoolean();
        var deadlineTask = CompletableFuture.runAsync(
                () -> {
                    cutOff.set(true);
                    request.cancel();
                },
                CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS));
        try {
            return http.execute(request, response -> {
                var responseHeaders = new LinkedHashMap<String, String>();
                for (var header : response.getHeaders()) {
                    responseHeaders.put(header.getName(), header.getValue());
                }
                return new Response(
                        response.getCode(),
                        response.getReasonPhrase(),
                        responseHeaders,
                        bounded(response.getEntity(), request));
            });
        } catch (IOException e) {
            if (cutOff.get()) {
                var slow = new SocketTimeoutException(TOO_SLOW);
                slow.initCause(e);
                throw slow;
            }
            throw e;
        } finally {
            deadlineTask.cancel(false);
        }
    }

    static final String TOO_SLOW = "the token endpoint answered too slowly";
    static final String TOO_LONG = "the token endpoint's answer is too long";

    /** The body, read no further than the cap: what a stranger's endpoint sends never grows the heap past it. */
    private static String bounded(@Nullable HttpEntity entity, HttpUriRequestBase request) throws IOException {
        if (entity == null) {
            return "";
        }
        try (var in = entity.getContent()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                // Aborted, not closed: closing would read the rest to keep the connection for reuse.
                request.cancel();
                throw new ResponseTooLongException();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The endpoint sent more than a token response can be. */
    static final class ResponseTooLongException extends IOException {
        ResponseTooLongException() {
            super(TOO_LONG);
        }
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
