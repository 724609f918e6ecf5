package dev.mailroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.support.RunningApplication;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's description is served by the app itself, for those who can make tokens: every endpoint, with a
 * summary, its problems and examples, and the browsable UI.
 */
@RunningApplication
class ApiDocumentationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    JsonMapper json;

    @Test
    void signedInAdminsReadTheOpenApiDescriptionOfEveryEndpointAndBrowseIt() throws Exception {
        var calls = new ApiCalls(port);
        var tenant = fixtures.newTenant("Api-Docs");
        var admin = fixtures.newUser(tenant, "Dora", Role.ADMIN);
        var browser = calls.signedIn(admin.email(), TestTenants.PASSWORD);

        var described = browser.send(
                HttpRequest.newBuilder(calls.uri("/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        JsonNode doc = json.readTree(described.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        var paths = doc.path("paths");
        assertThat(paths.path("/api/v1/smtp-settings").propertyNames()).contains("get", "put", "patch", "delete");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/mail-status",
                        "/api/v1/smtp-settings/test-connection",
                        "/api/v1/smtp-settings/test-email",
                        "/api/v1/deliveries",
                        "/api/v1/deliveries/{id}/retry",
                        "/api/v1/users",
                        "/api/v1/users/{id}/deactivate",
                        "/api/v1/tenants",
                        "/api/v1/tenants/{id}/suspend",
                        "/api/v1/tenants/{id}/resume");
        for (var path : paths.propertyNames()) {
            for (var method : paths.path(path).propertyNames()) {
                var operation = paths.path(path).path(method);
                assertThat(operation.path("summary").asString())
                        .as("%s %s has a summary", method, path)
                        .isNotBlank();
            }
        }
        assertThat(doc.path("components")
                        .path("securitySchemes")
                        .path("token")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(described.body()).contains("smtp.example.com", "application/problem+json");

        var entry = browser.send(
                HttpRequest.newBuilder(calls.uri("/api-docs/ui")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(entry.statusCode()).isEqualTo(302);
        var ui = browser.send(
                HttpRequest.newBuilder(
                                calls.uri(entry.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        var config = browser.send(
                HttpRequest.newBuilder(calls.uri("/api-docs/swagger-config")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as("what the UI loads first").isEqualTo(200);
        assertThat(config.body()).contains("/api-docs");
    }

    @Test
    void nobodyElseReadsIt() throws Exception {
        var calls = new ApiCalls(port);
        var anonymous = calls.send("GET", "/api-docs", null, null);
        assertThat(anonymous.statusCode()).as("anonymous: to the sign-in page").isIn(302, 401);
        assertThat(anonymous.body()).doesNotContain("/api/v1/");

        var user = fixtures.newUser(fixtures.newTenant("Api-Docs-User"), "Ursula", Role.USER);
        var browser = calls.signedIn(user.email(), TestTenants.PASSWORD);
        var refused = browser.send(
                HttpRequest.newBuilder(calls.uri("/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isNotEqualTo(200);
        assertThat(refused.body()).doesNotContain("/api/v1/smtp-settings");
    }
}
