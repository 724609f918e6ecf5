package dev.mailroom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.RunningApplication;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import dev.mailroom.users.UserService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;

/**
 * API tokens over real HTTP against the real database: a token acts as its admin, for its tenant only, and stops
 * the moment it is revoked, expires, or its admin may no longer act.
 */
@RunningApplication
class ApiEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    MailStatusService statuses;

    @Autowired
    UserService users;

    @Autowired
    DatabaseOwner owner;

    @Autowired
    dev.mailroom.smtp.SmtpSettingsService settings;

    @Autowired
    dev.mailroom.mailbox.Mailbox mailbox;

    @Autowired
    dev.mailroom.outbox.Outbox outbox;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private HttpResponse<String> get(String path, String token, String language) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept-Language", language);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String tokenOf(User admin) {
        fixtures.signInAs(admin);
        try {
            return tokens.create("deploy", Duration.ofDays(30)).secret();
        } finally {
            fixtures.signOut();
        }
    }

    @Test
    void aTokenReadsItsOwnTenantsMailStatusInTheCallersLanguageAndNoOtherTenants() throws Exception {
        var acmeAdmin = fixtures.newUser(fixtures.newTenant("Api-Acme"), "Ada", Role.ADMIN);
        var globexAdmin = fixtures.newUser(fixtures.newTenant("Api-Globex"), "Gina", Role.ADMIN);
        fixtures.signInAs(acmeAdmin);
        statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", "535 5.7.8");
        fixtures.signOut();

        var acme = get("/api/v1/mail-status", tokenOf(acmeAdmin), "pl");
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(acme.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(acme.body()).contains("\"level\":\"ERROR\"", "\"source\":\"TEST\"", "nazwę użytkownika");

        var nothing = get("/api/v1/no-such-thing", tokenOf(acmeAdmin), "en");
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(nothing.body()).contains("/api/problems/not-found").doesNotContain("<html");

        var globex = get("/api/v1/mail-status", tokenOf(globexAdmin), "en");
        assertThat(globex.statusCode()).isEqualTo(200);
        assertThat(globex.body()).contains("\"level\":\"UNKNOWN\"").doesNotContain("ERROR");
    }

    @Test
    void noTokenAWrongOneARevokedOneAndAnExpiredOneAreAllTheSame401() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Revoke"), "Rita", Role.ADMIN);
        var revoked = tokenOf(admin);
        var expired = tokenOf(admin);
        fixtures.signInAs(admin);
        var ids = tokens.list().stream().map(ApiToken::id).toList();
        assertThat(tokens.revoke(ids.get(1))).as("the older one").isTrue();
        fixtures.signOut();
        assertThat(get("/api/v1/mail-status", revoked, "en").statusCode()).isEqualTo(401);
        try (var connection = owner.connect();
                var st = connection.prepareStatement(
                        "update api_token set expires_at = now() - interval '1 second' where id = ?")) {
            st.setObject(1, ids.get(0));
            st.executeUpdate();
        }

        var answers = new java.util.ArrayList<HttpResponse<String>>();
        answers.add(get("/api/v1/mail-status", null, "en"));
        answers.add(get("/api/v1/mail-status", "mrt_" + "A".repeat(43), "en"));
        answers.add(get("/api/v1/mail-status", revoked, "en"));
        answers.add(get("/api/v1/mail-status", expired, "en"));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(r.body()).isEqualTo(answers.getFirst().body());
        });
        assertThat(answers.getFirst().body()).contains("\"type\":\"/api/problems/unauthorized\"", "\"status\":401");
        assertThat(get("/api/v1/mail-status", null, "id").body()).contains("Diperlukan token API");
    }

    @Test
    void aTokenActsOnlyWhileItsAdminMayActAsAnAdmin() throws Exception {
        var tenant = fixtures.newTenant("Api-Demote");
        var admin = fixtures.newUser(tenant, "Dora", Role.ADMIN);
        var other = fixtures.newUser(tenant, "Otto", Role.ADMIN);
        var token = tokenOf(admin);
        assertThat(get("/api/v1/mail-status", token, "en").statusCode()).isEqualTo(200);

        fixtures.signInAs(other);
        users.changeRole(admin.id(), Role.USER);
        fixtures.signOut();
        assertThat(get("/api/v1/mail-status", token, "en").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyAdminsMakeTokensAndTheDatabaseKeepsNoTokenOnlyItsHash() throws Exception {
        var tenant = fixtures.newTenant("Api-Store");
        var user = fixtures.newUser(tenant, "Uma", Role.USER);
        fixtures.signInAs(user);
        assertThatThrownBy(() -> tokens.create("mine", Duration.ofDays(1))).isInstanceOf(AccessDeniedException.class);
        fixtures.signOut();

        var admin = fixtures.newUser(tenant, "Ava", Role.ADMIN);
        fixtures.signInAs(admin);
        var created = tokens.create("  monitoring  ", Duration.ofDays(7));
        assertThat(created.secret()).startsWith("mrt_").hasSize(4 + 43);
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(created.token().name()).isEqualTo("monitoring");
        assertThat(created.token().createdBy()).isEqualTo(admin.displayName());
        assertThatThrownBy(() -> tokens.create("forever", Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class);
        fixtures.signOut();
        try (var connection = owner.connect();
                var rows = connection.createStatement().executeQuery("select * from api_token")) {
            while (rows.next()) {
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    assertThat(String.valueOf(rows.getObject(c)))
                            .doesNotContain(created.secret().substring(4));
                }
            }
        }
    }

    @Test
    void aSignedInBrowserSessionIsNoKeyToTheApi() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Cookie"), "Cora", Role.ADMIN);
        var calls = new ApiCalls(port);
        var browser = calls.signedIn(admin.email(), TestTenants.PASSWORD);
        String base = "http://127.0.0.1:" + port;
        var page = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode())
                .as("signed in: the app, not a redirect to the sign-in page")
                .isEqualTo(200);

        var api = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/mail-status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void theSettingsComeWithoutTheirSecretsAndWithTheirVersionAsETag() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Settings"), "Sia", Role.ADMIN);
        String password = "api-never-shows-" + System.nanoTime();
        fixtures.signInAs(admin);
        var saved = settings.save(dev.mailroom.smtp.SmtpSettingsDraft.builder()
                        .host("smtp.example.com")
                        .port(587)
                        .security(dev.mailroom.mail.ConnectionSecurity.STARTTLS)
                        .senderName("Reports")
                        .senderAddress("reports@example.com")
                        .authType(dev.mailroom.smtp.AuthType.BASIC)
                        .username("mailer")
                        .newPassword(password)
                        .build())
                .settings();
        fixtures.signOut();

        var answer = get("/api/v1/smtp-settings", tokenOf(admin), "en");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains("\"mode\":\"CUSTOM\"", "\"host\":\"smtp.example.com\"", "\"port\":587")
                .contains("\"type\":\"BASIC\"", "\"username\":\"mailer\"", "\"passwordStored\":true")
                .contains("\"updatedBy\":\"Sia")
                .doesNotContain(password);
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"" + saved.version() + "\"");
    }

    private HttpResponse<String> post(String path, String token, String language) throws Exception {
        return post(path, token, language, null);
    }

    private HttpResponse<String> post(String path, String token, String language, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept-Language", language)
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aConnectionTestRunsOnTheSavedSettingsAndFeedsTheStatusAsOnThePage() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Test"), "Tim", Role.ADMIN);
        var token = tokenOf(admin);

        var onDefault = post("/api/v1/smtp-settings/test-connection", token, "pl");
        assertThat(onDefault.statusCode()).as(onDefault.body()).isEqualTo(422);
        assertThat(onDefault.body()).contains("/api/problems/invalid-settings", "\"fields\"");

        try (var server = dev.mailroom.support.TestSmtpServer.builder().start()) {
            fixtures.signInAs(admin);
            settings.save(dev.mailroom.smtp.SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(server.port())
                    .security(dev.mailroom.mail.ConnectionSecurity.NONE)
                    .senderAddress("noreply@example.com")
                    .authType(dev.mailroom.smtp.AuthType.NONE)
                    .build());
            fixtures.signOut();

            var tested = post("/api/v1/smtp-settings/test-connection", token, "id");
            assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
            assertThat(tested.body()).contains("\"succeeded\":true", "\"ok\":true", "\"transcript\"");
            assertThat(server.connections()).isEqualTo(1);
            fixtures.signInAs(admin);
            assertThat(statuses.current()).map(s -> s.level()).hasValue(MailHealth.OK);
            fixtures.signOut();
        }
    }

    @Test
    void theTestEmailGoesThroughTheServiceInUseAndBadJsonIsA400() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Email"), "Eve", Role.ADMIN);
        var token = tokenOf(admin);
        // The demo mailbox takes mail for the demo's own users only: the admin is one.
        String to = admin.email();

        var sent = post("/api/v1/smtp-settings/test-email", token, "en", "{\"to\":\"" + to + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("\"succeeded\":true");
        assertThat(sent.body())
                .as("the default service is the operator's: no host, address, capabilities, account or dialogue")
                .doesNotContain("127.0.0.1", "STARTTLS", "PLAIN as", "TLSv1")
                .contains("\"transcript\":[]");
        fixtures.signInAs(admin);
        org.awaitility.Awaitility.await("the test email in the demo mailbox (the default service)")
                .atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> mailbox.recent(50).stream().anyMatch(m -> m.to().contains(to)));
        fixtures.signOut();

        var stranger = post(
                "/api/v1/smtp-settings/test-email",
                token,
                "en",
                "{\"to\":\"nobody." + System.nanoTime() + "@example.com\"}");
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(stranger.body())
                .contains("\"succeeded\":false", "The server refused the recipient", "550 5.1.1")
                .as("the transcript is the dialogue, not Java")
                .doesNotContain("nested exception", "SMTPAddressFailedException");

        var noRecipient = post("/api/v1/smtp-settings/test-email", token, "en", "{}");
        assertThat(noRecipient.statusCode()).as(noRecipient.body()).isEqualTo(422);
        assertThat(noRecipient.body()).contains("TEST_RECIPIENT");
        var notJson = post("/api/v1/smtp-settings/test-email", token, "pl", "{\"to\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(notJson.body()).contains("/api/problems/bad-request", "Treść żądania");
    }

    @Test
    void deliveriesAreListedForTheTokensTenantAndAnotherTenantsIdIsNotFound() throws Exception {
        var acmeAdmin = fixtures.newUser(fixtures.newTenant("Api-Deliver"), "Dee", Role.ADMIN);
        var globexAdmin = fixtures.newUser(fixtures.newTenant("Api-Other"), "Gus", Role.ADMIN);
        fixtures.signInAs(acmeAdmin);
        transaction.execute(tx -> outbox.enqueue(
                dev.mailroom.outbox.MailKind.ADMIN_NOTICE, acmeAdmin.email(), "Notice for the API", "Body"));
        fixtures.signOut();
        var acmeToken = tokenOf(acmeAdmin);

        var listed = get("/api/v1/deliveries?limit=5", acmeToken, "en");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"subject\":\"Notice for the API\"", "\"kind\":\"ADMIN_NOTICE\"");
        assertThat(listed.body()).as("no bodies").doesNotContain("\"body\"");
        var id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(listed.body());
        assertThat(id.find()).isTrue();

        var globexToken = tokenOf(globexAdmin);
        assertThat(get("/api/v1/deliveries", globexToken, "en").body()).doesNotContain("Notice for the API");
        var foreign = post("/api/v1/deliveries/" + id.group(1) + "/retry", globexToken, "en");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("/api/problems/no-failed-delivery");
        var notFailed = post("/api/v1/deliveries/" + id.group(1) + "/retry", acmeToken, "en");
        assertThat(notFailed.statusCode()).as("not failed: nothing to retry").isEqualTo(404);

        // As if its attempts had run out: the retry puts it back in the queue, and the outbox sends it.
        try (var connection = owner.connect();
                var st = connection.prepareStatement("update outbox_message set state = 'FAILED', "
                        + "last_error = '550 5.1.1 no such user' where id = ?::uuid")) {
            st.setString(1, id.group(1));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        assertThat(get("/api/v1/deliveries?limit=5", acmeToken, "en").body()).contains("\"state\":\"FAILED\"");
        assertThat(post("/api/v1/deliveries/" + id.group(1) + "/retry", globexToken, "en")
                        .statusCode())
                .as("another tenant's failed delivery")
                .isEqualTo(404);
        var retried = post("/api/v1/deliveries/" + id.group(1) + "/retry", acmeToken, "en");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        org.awaitility.Awaitility.await("the retried delivery sent again by the outbox")
                .atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/v1/deliveries?limit=5", acmeToken, "en")
                        .body()
                        .contains("\"state\":\"SENT\""));
    }

    /** Invitations mail strangers: past an admin's 20 an hour, the API answers 429 with Retry-After, and sends none. */
    @Test
    void invitationsPastTheAdminsLimitAre429WithRetryAfter() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Invites"), "Ina", Role.ADMIN);
        var token = tokenOf(admin);
        String stamp = String.valueOf(System.nanoTime());
        for (int i = 0; i < 20; i++) {
            var invited = post(
                    "/api/v1/users",
                    token,
                    "en",
                    "{\"email\":\"guest" + i + "." + stamp
                            + "@api-invites.example\",\"name\":\"Guest\",\"role\":\"USER\"}");
            assertThat(invited.statusCode())
                    .as("invitation " + (i + 1) + ": " + invited.body())
                    .isEqualTo(201);
        }
        var refused = post(
                "/api/v1/users",
                token,
                "en",
                "{\"email\":\"guest20." + stamp + "@api-invites.example\",\"name\":\"Guest\",\"role\":\"USER\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(refused.body()).contains("/api/problems/too-many-attempts");
        assertThat(get("/api/v1/users", token, "en").body()).doesNotContain("guest20." + stamp);
    }

    @Test
    void usersAreListedInvitedAndDeactivatedForTheTokensTenantOnly() throws Exception {
        var tenant = fixtures.newTenant("Api-Users");
        var admin = fixtures.newUser(tenant, "Una", Role.ADMIN);
        var globexAdmin = fixtures.newUser(fixtures.newTenant("Api-Users-Other"), "Gil", Role.ADMIN);
        var token = tokenOf(admin);
        String address = "invited." + System.nanoTime() + "@api-users.example";

        var invited = post(
                "/api/v1/users", token, "en", "{\"email\":\"" + address + "\",\"name\":\"Ivo\",\"role\":\"USER\"}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(invited.body()).contains("\"email\":\"" + address + "\"", "\"invitationPending\":true");
        assertThat(post("/api/v1/users", token, "en", "{\"email\":\"" + address + "\",\"name\":\"Ivo\"}")
                        .statusCode())
                .as("the address is this tenant's now")
                .isEqualTo(409);
        // Issue 31: another tenant inviting the same address, or one of this tenant's people, is answered as for
        // anyone: 201, nothing reserved, nothing told.
        var elsewhere = post(
                "/api/v1/users",
                tokenOf(globexAdmin),
                "en",
                "{\"email\":\"" + admin.email() + "\",\"name\":\"Una\",\"role\":\"USER\"}");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(201);
        assertThat(elsewhere.body()).contains("\"invitationPending\":true");
        assertThat(post(
                                "/api/v1/users",
                                tokenOf(globexAdmin),
                                "en",
                                "{\"email\":\"" + address + "\",\"name\":\"Ivo\",\"role\":\"USER\"}")
                        .statusCode())
                .as("an address another tenant invited first")
                .isEqualTo(201);
        var badRole =
                post("/api/v1/users", token, "en", "{\"email\":\"x@y.example\",\"name\":\"X\",\"role\":\"ROOT\"}");
        assertThat(badRole.statusCode()).isEqualTo(422);
        assertThat(badRole.body()).contains("\"allowed\":[\"ADMIN\",\"USER\"]");

        var listed = get("/api/v1/users", token, "en");
        assertThat(listed.body()).contains(address, admin.email()).doesNotContain(globexAdmin.email());
        var id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(invited.body());
        assertThat(id.find()).isTrue();

        var foreign = post("/api/v1/users/" + id.group(1) + "/deactivate", tokenOf(globexAdmin), "en");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("/api/problems/no-such-user");
        var deactivated = post("/api/v1/users/" + id.group(1) + "/deactivate", token, "en");
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(deactivated.body()).contains("\"active\":false");
        var lastAdmin = post("/api/v1/users/" + admin.id() + "/deactivate", token, "pl");
        assertThat(lastAdmin.statusCode()).isEqualTo(409);
        assertThat(lastAdmin.body()).contains("/api/problems/last-admin", "co najmniej jednego");
    }

    private String tokenOf(User admin, TokenScope... scopes) {
        fixtures.signInAs(admin);
        try {
            return tokens.create("scoped", Duration.ofDays(30), java.util.Set.of(scopes))
                    .secret();
        } finally {
            fixtures.signOut();
        }
    }

    /** Issue 35: a token can do only what it was made for; the rest answers 403 as a problem, endpoint by endpoint. */
    @Test
    void aTokenCanDoOnlyWhatItsScopesAllow() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Scopes"), "Sky", Role.ADMIN);
        var sendOnly = tokenOf(admin, TokenScope.MAIL_SEND);
        for (String path : new String[] {
            "/api/v1/smtp-settings", "/api/v1/mail-status", "/api/v1/users", "/api/v1/deliveries", "/api/v1/tenants"
        }) {
            var refused = get(path, sendOnly, "en");
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).contains("\"status\":403");
        }
        assertThat(post("/api/v1/smtp-settings/test-connection", sendOnly, "en").statusCode())
                .isEqualTo(403);
        var itself = get("/api/v1/token", sendOnly, "en");
        assertThat(itself.statusCode()).isEqualTo(200);
        assertThat(itself.body()).isEqualTo("{\"scopes\":[\"mail:send\"]}");

        var reader = tokenOf(admin, TokenScope.SETTINGS_READ);
        assertThat(get("/api/v1/smtp-settings", reader, "en").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/mail-status", reader, "en").statusCode()).isEqualTo(200);
        var write = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/smtp-settings"))
                .header("Authorization", "Bearer " + reader)
                .DELETE()
                .build();
        assertThat(http.send(write, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("reading is not writing")
                .isEqualTo(403);
        assertThat(post("/api/v1/smtp-settings/test-email", reader, "en").statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/users", tokenOf(admin, TokenScope.USERS), "en").statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/token", tokenOf(admin), "en").body())
                .as("made without a choice: every scope of a tenant's token")
                .isEqualTo("{\"scopes\":[\"deliveries\",\"mail:send\",\"settings:read\",\"settings:write\","
                        + "\"tests:run\",\"users\"]}");

        fixtures.signInAs(admin);
        assertThatThrownBy(() -> tokens.create("too much", Duration.ofDays(1), java.util.Set.of(TokenScope.TENANTS)))
                .as("a tenant's token never gets a platform scope")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.create("nothing", Duration.ofDays(1), java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.list())
                .filteredOn(t -> t.name().equals("scoped"))
                .extracting(t -> t.scopes())
                .contains(java.util.Set.of(TokenScope.MAIL_SEND), java.util.Set.of(TokenScope.SETTINGS_READ));
    }
}
