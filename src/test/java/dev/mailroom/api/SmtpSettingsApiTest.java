package dev.mailroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.Ports;
import dev.mailroom.support.RunningApplication;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Writing the SMTP settings over real HTTP: the page's service with its rules (validation, secrets, attempt
 * limits, audit), a version to name (If-Match), and nothing changed by a request that is refused.
 */
@RunningApplication
class SmtpSettingsApiTest {

    private static final String BASIC = """
            {"mode":"CUSTOM","host":"smtp.acme.example","port":587,"security":"STARTTLS",
             "sender":{"name":"Acme","address":"noreply@acme.example"},
             "authentication":{"type":"BASIC","username":"mailer","password":"s3cret-Pa55word"}}""";

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    DatabaseOwner owner;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port);
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private String tokenOf(User admin) {
        fixtures.signInAs(admin);
        try {
            return tokens.create("deploy", Duration.ofDays(30)).secret();
        } finally {
            fixtures.signOut();
        }
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response));
    }

    @Test
    void aReplacementNamesTheVersionItReplacesIsSavedLikeThePagesAndIsAuditedWithTheToken() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Put"), "Ada", Role.ADMIN);
        var token = tokenOf(admin);
        var fresh = api.get("/api/v1/smtp-settings", token);
        assertThat(etag(fresh)).isEqualTo("\"none\"");

        var unnamed = api.send("PUT", "/api/v1/smtp-settings", token, BASIC);
        assertThat(unnamed.statusCode()).as(unnamed.body()).isEqualTo(428);
        assertThat(unnamed.body()).contains("/api/problems/if-match-required");

        var saved = api.send("PUT", "/api/v1/smtp-settings", token, BASIC, "If-Match", etag(fresh));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body())
                .contains("\"valid\":true", "\"message\":\"SMTP configuration updated\"", "\"passwordStored\":true")
                .contains("\"host\":\"smtp.acme.example\"", "\"updatedBy\":\"Ada (API: deploy)\"")
                .doesNotContain("s3cret-Pa55word");
        assertThat(etag(saved)).isNotEqualTo(etag(fresh));
        try (var connection = owner.connect();
                var st = connection.createStatement();
                var rows = st.executeQuery("select * from smtp_settings where host = 'smtp.acme.example'")) {
            assertThat(rows.next()).isTrue();
            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                assertThat(String.valueOf(rows.getObject(c))).doesNotContain("s3cret-Pa55word");
                assertThat(rows.getBytes(c) == null ? "" : new String(rows.getBytes(c), "ISO-8859-1"))
                        .doesNotContain("s3cret-Pa55word");
            }
        }
        fixtures.signInAs(admin);
        assertThat(settings.recentChanges(1)).singleElement().satisfies(e -> {
            assertThat(e.actorName()).isEqualTo("Ada (API: deploy)");
            assertThat(e.action()).isEqualTo("smtp.save");
        });
        fixtures.signOut();

        var stale = api.send(
                "PUT", "/api/v1/smtp-settings", token, BASIC.replace("mailer", "other"), "If-Match", etag(fresh));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.body()).contains("/api/problems/concurrent-change");
        assertThat(api.get("/api/v1/smtp-settings", token).body()).contains("\"username\":\"mailer\"");

        // What a script does most: read, change a field, write the whole back (read-only fields and all).
        var read = api.get("/api/v1/smtp-settings", token);
        var roundTrip = api.send(
                "PUT",
                "/api/v1/smtp-settings",
                token,
                read.body().replace("\"name\":\"Acme\"", "\"name\":\"Acme Round\""),
                "If-Match",
                etag(read));
        assertThat(roundTrip.statusCode()).as(roundTrip.body()).isEqualTo(200);
        assertThat(roundTrip.body())
                .contains("\"name\":\"Acme Round\"", "\"passwordStored\":true", "\"username\":\"mailer\"");

        var anyVersion = api.send(
                "PUT", "/api/v1/smtp-settings", token, BASIC.replace("Acme\"", "Acme Mail\""), "If-Match", "*");
        assertThat(anyVersion.statusCode()).as(anyVersion.body()).isEqualTo(200);
        assertThat(anyVersion.body()).contains("\"name\":\"Acme Mail\"");
    }

    @Test
    void aPatchChangesOnlyWhatItNamesAndKeepsTheSecretUntilWhereItGoesChanges() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Patch"), "Pia", Role.ADMIN);
        var token = tokenOf(admin);
        var saved = api.send("PUT", "/api/v1/smtp-settings", token, BASIC, "If-Match", "\"none\"");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        var renamed = api.send(
                "PATCH",
                "/api/v1/smtp-settings",
                token,
                "{\"sender\":{\"name\":\"Acme Billing\"}}",
                "If-Match",
                etag(saved),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.body())
                .contains("\"name\":\"Acme Billing\"", "\"address\":\"noreply@acme.example\"")
                .contains("\"username\":\"mailer\"", "\"passwordStored\":true", "\"host\":\"smtp.acme.example\"");

        // The page's rule: a secret goes nowhere new without being typed again.
        var moved = api.send(
                "PATCH",
                "/api/v1/smtp-settings",
                token,
                "{\"host\":\"smtp.elsewhere.example\"}",
                "If-Match",
                etag(renamed));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(422);
        assertThat(moved.body()).contains("\"field\":\"PASSWORD\"", "enter the secret again");
        assertThat(api.get("/api/v1/smtp-settings", token).body()).contains("\"host\":\"smtp.acme.example\"");

        var movedWithPassword = api.send(
                "PATCH",
                "/api/v1/smtp-settings",
                token,
                "{\"host\":\"smtp.elsewhere.example\",\"authentication\":{\"password\":\"n3w-Pa55word\"}}",
                "If-Match",
                etag(renamed));
        assertThat(movedWithPassword.statusCode()).as(movedWithPassword.body()).isEqualTo(200);
        assertThat(movedWithPassword.body())
                .contains("\"host\":\"smtp.elsewhere.example\"")
                .doesNotContain("n3w-Pa55word");
    }

    @Test
    void unknownFieldsUnknownValuesAndOversizedBodiesAreRefusedAndChangeNothing() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Refuse"), "Rex", Role.ADMIN);
        var token = tokenOf(admin);
        var saved = api.send("PUT", "/api/v1/smtp-settings", token, BASIC, "If-Match", "\"none\"");
        String version = etag(saved);

        var misspelt = api.send(
                "PATCH",
                "/api/v1/smtp-settings",
                token,
                "{\"authentication\":{\"pasword\":\"x\"}}",
                "If-Match",
                version);
        assertThat(misspelt.statusCode()).as(misspelt.body()).isEqualTo(400);
        assertThat(misspelt.body()).contains("/api/problems/unknown-field", "\"field\":\"authentication.pasword\"");
        var unknownTop = api.send(
                "PUT",
                "/api/v1/smtp-settings",
                token,
                BASIC.replace("{\"mode\"", "{\"hots\":1,\"mode\""),
                "If-Match",
                version);
        assertThat(unknownTop.statusCode()).as(unknownTop.body()).isEqualTo(400);
        assertThat(unknownTop.body()).contains("\"field\":\"hots\"");

        var mistyped = api.send("PATCH", "/api/v1/smtp-settings", token, "{\"port\":\"five\"}", "If-Match", version);
        assertThat(mistyped.statusCode()).as(mistyped.body()).isEqualTo(400);
        assertThat(mistyped.body()).contains("/api/problems/bad-request", "\"field\":\"port\"");

        var badValue = api.send("PATCH", "/api/v1/smtp-settings", token, "{\"security\":\"TLS\"}", "If-Match", version);
        assertThat(badValue.statusCode()).as(badValue.body()).isEqualTo(422);
        assertThat(badValue.body())
                .contains("\"field\":\"security\"", "\"allowed\":[\"NONE\",\"SSL_TLS\",\"STARTTLS\"]");

        String huge = "{\"caPem\":\"" + "A".repeat(300 * 1024) + "\"}";
        var oversized = api.send("PATCH", "/api/v1/smtp-settings", token, huge, "If-Match", version);
        assertThat(oversized.statusCode()).as(oversized.body()).isEqualTo(413);
        assertThat(oversized.body()).contains("/api/problems/too-large");

        var unchanged = api.get("/api/v1/smtp-settings", token);
        assertThat(etag(unchanged)).isEqualTo(version);
    }

    @Test
    void anOAuthClientWhoseTokenEndpointDoesNotAnswerIsSavedButInvalidAsOnThePage() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-OAuth"), "Olu", Role.ADMIN);
        var token = tokenOf(admin);
        int closed = Ports.unusedLoopbackPort();
        var saved = api.send("PUT", "/api/v1/smtp-settings", token, """
                {"mode":"CUSTOM","host":"smtp.acme.example","security":"STARTTLS",
                 "sender":{"address":"noreply@acme.example"},
                 "authentication":{"type":"OAUTH2","username":"noreply@acme.example",
                   "oauth":{"provider":"OTHER","clientId":"mailroom","clientSecret":"client-s3cret",
                            "tokenUrl":"https://127.0.0.1:%d/token","scope":"https://outlook.office365.com/.default"}}}""".formatted(closed), "If-Match", "*");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body())
                .contains("\"valid\":false", "the SMTP configuration was updated, but no OAuth 2.0 token")
                .contains("could not be reached. Check the token URL.", "\"clientSecretStored\":true")
                .doesNotContain("client-s3cret");
        var status = api.get("/api/v1/mail-status", token);
        assertThat(status.body()).contains("\"level\":\"ERROR\"", "\"source\":\"SAVE\"");
    }

    @Test
    void removingWipesTheSettingsAndSaveAttemptsRunOutLikeOnThePage() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Remove"), "Rui", Role.ADMIN);
        var token = tokenOf(admin);
        var saved = api.send("PUT", "/api/v1/smtp-settings", token, BASIC, "If-Match", "\"none\"");

        var unnamed = api.send("DELETE", "/api/v1/smtp-settings", token, null);
        assertThat(unnamed.statusCode()).isEqualTo(428);
        var removed = api.send("DELETE", "/api/v1/smtp-settings", token, null, "If-Match", etag(saved));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        var after = api.get("/api/v1/smtp-settings", token);
        assertThat(etag(after)).isEqualTo("\"none\"");
        assertThat(after.body()).contains("\"mode\":\"DEFAULT_SERVICE\"", "\"passwordStored\":false");
        fixtures.signInAs(admin);
        assertThat(settings.recentChanges(1))
                .singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("smtp.remove"));
        fixtures.signOut();

        // The admin's save attempts (10 a minute, application.yaml) are shared with the page: one was used above.
        HttpResponse<String> answer;
        int attempts = 0;
        do {
            answer = api.send("PUT", "/api/v1/smtp-settings", token, BASIC, "If-Match", "*");
            attempts++;
        } while (answer.statusCode() == 200 && attempts < 20);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        // Nine left, and one more if a refill (one every 6 s) came while this test ran on a busy machine.
        assertThat(attempts - 1).as("saves before the limit").isBetween(9, 10);
        assertThat(answer.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
        assertThat(answer.body()).contains("/api/problems/too-many-attempts");
    }
}
