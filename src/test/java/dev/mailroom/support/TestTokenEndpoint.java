package dev.mailroom.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real OAuth 2.0 token endpoint on loopback that issues a fixed access token to one client and answers
 * {@code invalid_client} to any other secret, counting requests. mock-oauth2-server issues fresh signed
 * JWTs (fine for Save), but an XOAUTH2 test needs a token the SMTP server knows in advance.
 */
public final class TestTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String accessToken;

    public TestTokenEndpoint(String clientId, String clientSecret, String accessToken, int expiresIn)
            throws IOException {
        this.accessToken = accessToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/token", exchange -> {
            requests.incrementAndGet();
            var form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean ok = "client_credentials".equals(form.get("grant_type"))
                    && clientId.equals(form.get("client_id"))
                    && clientSecret.equals(form.get("client_secret"));
            String body = ok
                    ? "{\"access_token\":\"" + this.accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                            + expiresIn + "}"
                    : "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}";
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private static Map<String, String> parse(String form) {
        return Arrays.stream(form.split("&"))
                .map(p -> p.split("=", 2))
                .filter(p -> p.length == 2)
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                        (a, b) -> b));
    }

    /** From now on, issue this token (as a provider does after a rotation or revocation). */
    public void issue(String token) {
        this.accessToken = token;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
