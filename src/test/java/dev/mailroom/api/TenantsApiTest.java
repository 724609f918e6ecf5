package dev.mailroom.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.RunningApplication;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Platform tokens over real HTTP: an operator's script lists tenants with their mail status, creates a tenant
 * with its first admin, suspends and resumes one. Tenant tokens and platform tokens never reach each other's
 * endpoints, nor see each other in the lists of tokens.
 */
@RunningApplication
class TenantsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    OperatorAccounts operators;

    @Autowired
    MailStatusService statuses;

    @Autowired
    DatabaseOwner owner;

    ApiCalls api;
    String operatorEmail;
    String platformToken;

    @BeforeEach
    void operatorWithAToken() {
        api = new ApiCalls(port);
        operatorEmail = "op." + UUID.randomUUID().toString().substring(0, 8) + "@platform.test";
        operators.addOperator(operatorEmail, "Olga Operator", "Operator-Pa55word");
        fixtures.signInAs(operatorEmail);
        platformToken = tokens.create("provisioning", Duration.ofDays(30)).secret();
        fixtures.signOut();
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aPlatformTokenListsTenantsWithTheirMailStatusAPageAtATimeAndOnlyProblemsWhenAsked() throws Exception {
        var troubled = fixtures.newTenant("Api-Troubled");
        var admin = fixtures.newUser(troubled, "Tara", Role.ADMIN);
        fixtures.signInAs(admin);
        statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", "535 5.7.8");
        fixtures.signOut();

        var problems = api.get("/api/v1/tenants?onlyProblems=true&size=200", platformToken);
        assertThat(problems.statusCode()).as(problems.body()).isEqualTo(200);
        assertThat(problems.body())
                .contains("\"slug\":\"" + troubled.slug() + "\"", "\"level\":\"ERROR\"", "user name")
                .doesNotContain("\"level\":\"OK\"", "\"level\":\"UNKNOWN\"");

        var first = api.get("/api/v1/tenants?size=1", platformToken);
        assertThat(first.body()).contains("\"size\":1", "\"more\":true");
        assertThat(Pattern.compile("\"id\":").matcher(first.body()).results().count())
                .isEqualTo(1);
        var second = api.get("/api/v1/tenants?size=1&page=1", platformToken);
        assertThat(second.body()).contains("\"page\":1");
        assertThat(id(second.body())).isNotEqualTo(id(first.body()));
    }

    /** Page arithmetic a script can push past an int: a 400 problem naming the field, not a 500. */
    @Test
    void aPageNoListReachesIsABadRequestNamingTheField() throws Exception {
        var overflowing = api.get("/api/v1/tenants?page=2147483647&size=200", platformToken);
        assertThat(overflowing.statusCode()).as(overflowing.body()).isEqualTo(400);
        assertThat(overflowing.body()).contains("/api/problems/page-out-of-range", "\"field\":\"page\"");
        var notANumber = api.get("/api/v1/tenants?page=99999999999", platformToken);
        assertThat(notANumber.statusCode()).as(notANumber.body()).isEqualTo(400);
        assertThat(notANumber.body()).contains("/api/problems/bad-parameter", "\"field\":\"page\"");
        assertThat(api.get("/api/v1/tenants?page=3", platformToken).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tenantTokensAndPlatformTokensStayOnTheirOwnSide() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Side"), "Sid", Role.ADMIN);
        fixtures.signInAs(admin);
        var tenantToken = tokens.create("deploy", Duration.ofDays(30)).secret();
        assertThat(tokens.list()).extracting(ApiToken::name).containsExactly("deploy");
        fixtures.signOut();

        assertThat(api.get("/api/v1/tenants", tenantToken).statusCode()).isEqualTo(403);
        var forbidden = api.get("/api/v1/smtp-settings", platformToken);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("/api/problems/forbidden");

        fixtures.signInAs(operatorEmail);
        assertThat(tokens.list())
                .extracting(ApiToken::name)
                .contains("provisioning")
                .doesNotContain("deploy");
        var id = tokens.list().stream()
                .filter(t -> t.name().equals("provisioning"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(tokens.list()).allSatisfy(t -> assertThat(t.createdBy()).isNotBlank());
        fixtures.signOut();
        fixtures.signInAs(admin);
        assertThat(tokens.revoke(id)).as("an admin revoking a platform token").isFalse();
        fixtures.signOut();
        assertThat(api.get("/api/v1/tenants", platformToken).statusCode()).isEqualTo(200);

        fixtures.signInAs(operatorEmail);
        assertThat(tokens.revoke(id)).isTrue();
        fixtures.signOut();
        assertThat(api.get("/api/v1/tenants", platformToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aNewTenantComesWithItsFirstAdminsInvitationAndCanBeSuspendedAndResumed() throws Exception {
        String slug = "api-new-" + UUID.randomUUID().toString().substring(0, 8);
        String adminAddress = "first@" + slug + ".test";
        String body = "{\"name\":\"Api New\",\"slug\":\"" + slug + "\",\"admin\":{\"email\":\"" + adminAddress
                + "\",\"name\":\"Fay First\"}}";
        var created = api.send("POST", "/api/v1/tenants", platformToken, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"slug\":\"" + slug + "\"", "\"invited\":\"" + adminAddress + "\"");
        org.awaitility.Awaitility.await("the first admin's invitation sent by the outbox (the default service)")
                .atMost(Duration.ofSeconds(30))
                .until(() -> sentTo(adminAddress, id(created.body())));

        var again =
                api.send("POST", "/api/v1/tenants", platformToken, body.replace(adminAddress, "x@" + slug + ".test"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("/api/problems/slug-taken", "\"field\":\"slug\"");
        var badSlug = api.send("POST", "/api/v1/tenants", platformToken, body.replace(slug, "Not A Slug"));
        assertThat(badSlug.statusCode()).as(badSlug.body()).isEqualTo(422);
        assertThat(badSlug.body()).contains("\"field\":\"slug\"");

        var tenant = fixtures.newTenant("Api-Suspend");
        var admin = fixtures.newUser(tenant, "Sue", Role.ADMIN);
        fixtures.signInAs(admin);
        var tenantToken = tokens.create("deploy", Duration.ofDays(30)).secret();
        fixtures.signOut();
        assertThat(api.send("POST", "/api/v1/tenants/" + tenant.id() + "/suspend", platformToken, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/mail-status", tenantToken).statusCode())
                .as("a suspended tenant's token")
                .isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/tenants/" + tenant.id() + "/resume", platformToken, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/mail-status", tenantToken).statusCode()).isEqualTo(200);

        var nobody = api.send("POST", "/api/v1/tenants/" + UUID.randomUUID() + "/suspend", platformToken, null);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("/api/problems/no-such-tenant");
    }

    /** Read as the database's owner: the new tenant's mail is no other admin's to see. */
    private boolean sentTo(String address, String tenant) throws java.sql.SQLException {
        try (var connection = owner.connect();
                var st = connection.prepareStatement(
                        "select count(*) from outbox_message where recipient = ? and tenant_id = ?::uuid"
                                + " and state = 'SENT'")) {
            st.setString(1, address);
            st.setString(2, tenant);
            try (var rows = st.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private static String id(String body) {
        var m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
