package dev.mailroom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.RunningApplication;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The send API over real HTTP to a real SMTP server (issue 35): a message is queued at once, goes out through the
 * tenant's settings with its HTML, text and Reply-To, is sent once however often the call is retried with its
 * Idempotency-Key, and nothing in a field can become a header.
 */
@RunningApplication
class MessagesApiTest {

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SmtpSettingsService settings;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    /** A tenant sending to GreenMail, and a token that may only send. */
    private String sendOnlyTokenOf(User admin) {
        fixtures.signInAs(admin);
        try {
            // No AUTH: this application (the browser tests') allows no password over plain SMTP, even on loopback.
            settings.save(dev.mailroom.smtp.SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(greenMail.getSmtp().getPort())
                    .security(dev.mailroom.mail.ConnectionSecurity.NONE)
                    .senderName("Send Test")
                    .senderAddress("noreply@send.example")
                    .authType(dev.mailroom.smtp.AuthType.NONE)
                    .build());
            return tokens.create("reports", Duration.ofDays(30), java.util.Set.of(TokenScope.MAIL_SEND))
                    .secret();
        } finally {
            fixtures.signOut();
        }
    }

    private HttpResponse<String> post(String token, String key, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<MimeMessage> received(String to) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(to);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    private static String id(HttpResponse<String> answer) {
        var found = ID.matcher(answer.body());
        assertThat(found.find()).as(answer.body()).isTrue();
        return found.group(1);
    }

    @Test
    void aMessageIsQueuedSentWithItsPartsAndSentOnceHoweverOftenTheCallIsRetried() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Send"), "Sam", Role.ADMIN);
        String token = sendOnlyTokenOf(admin);
        String to = "reader." + System.nanoTime() + "@send.example";
        String json = """
                {"to":["%s"],"subject":"Your weekly report","text":"Hello,\\nthe report is ready.",
                 "html":"<p>Hello,</p><p>the report is <b>ready</b>.</p>","replyTo":"reports@send.example"}""".formatted(to);

        var first = post(token, "report-2026-49", json);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/messages/" + id(first));
        var again = post(token, "report-2026-49", json);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(id(again)).as("the first answer").isEqualTo(id(first));
        var otherMessage = post(token, "report-2026-49", json.replace("weekly", "monthly"));
        assertThat(otherMessage.statusCode()).isEqualTo(422);
        assertThat(otherMessage.body()).contains("/api/problems/idempotency-key-reused");

        await().atMost(Duration.ofSeconds(20))
                .alias("the message at GreenMail, sent by the outbox through the tenant's settings")
                .until(() -> !received(to).isEmpty());
        var mail = received(to).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your weekly report");
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("reports@send.example");
        var parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get(token, "/api/v1/messages/" + id(first)).body(), b -> b.contains("\"state\":\"SENT\""));
        assertThat(received(to)).as("sent once, for three calls").hasSize(1);
    }

    @Test
    void htmlAloneGetsATextPartAndNoFieldBecomesAHeader() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Shape"), "Shay", Role.ADMIN);
        String token = sendOnlyTokenOf(admin);
        String to = "html." + System.nanoTime() + "@send.example";
        var htmlOnly = post(token, null, """
                {"to":["%s"],"subject":"Alert","html":"<h1>Disk full</h1><p>On <b>db-1</b>.<br>Act now.</p>"}""".formatted(to));
        assertThat(htmlOnly.statusCode()).as(htmlOnly.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> !received(to).isEmpty());
        var parts = (MimeMultipart) received(to).getFirst().getContent();
        assertThat(parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
                .isEqualTo("Disk full\n\nOn db-1.\nAct now.");

        for (String bad : new String[] {
            "{\"to\":[\"%s\"],\"subject\":\"Hi\\r\\nBcc: everyone@example.com\",\"text\":\"x\"}",
            "{\"to\":[\"%s\\r\\nBcc: everyone@example.com\"],\"subject\":\"Hi\",\"text\":\"x\"}",
            "{\"to\":[\"%s\"],\"subject\":\"Hi\",\"text\":\"x\",\"replyTo\":\"a@b.example\\nBcc: c@d.example\"}",
            "{\"to\":[],\"subject\":\"Hi\",\"text\":\"x\"}",
            "{\"to\":[\"%s\"],\"subject\":\"Hi\"}"
        }) {
            var refused = post(token, null, bad.replace("%s", to));
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            assertThat(refused.body()).as(bad).contains("/api/problems/invalid-message", "\"field\"");
        }
        var many = new StringBuilder("{\"subject\":\"Hi\",\"text\":\"x\",\"to\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"r").append(i).append("@send.example\"");
        }
        assertThat(post(token, null, many + "]}").statusCode())
                .as("51 recipients")
                .isEqualTo(422);
        assertThat(received(to)).as("nothing refused went out").hasSize(1);
    }

    @Test
    void anotherTenantsMessageIsNoMessageOfThisOne() throws Exception {
        var mine = sendOnlyTokenOf(fixtures.newUser(fixtures.newTenant("Mine"), "Mo", Role.ADMIN));
        var theirs = sendOnlyTokenOf(fixtures.newUser(fixtures.newTenant("Theirs"), "Tia", Role.ADMIN));
        var sent = post(mine, "same-key", "{\"to\":[\"x@mine.example\"],\"subject\":\"Hi\",\"text\":\"x\"}");
        assertThat(get(theirs, "/api/v1/messages/" + id(sent)).statusCode()).isEqualTo(404);
        var sameKeyElsewhere =
                post(theirs, "same-key", "{\"to\":[\"y@theirs.example\"],\"subject\":\"Other\",\"text\":\"y\"}");
        assertThat(sameKeyElsewhere.statusCode())
                .as("a key is the tenant's own")
                .isEqualTo(202);
    }

    /** The operator's relay is not the product's bulk mailer unless the operator says so (production default: not). */
    @Test
    void aTenantWithoutItsOwnServerIsToldTheSendApiNeedsOne() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Relay"), "Rey", Role.ADMIN);
        fixtures.signInAs(admin);
        String token;
        try {
            token = tokens.create("reports", Duration.ofDays(30), java.util.Set.of(TokenScope.MAIL_SEND))
                    .secret();
        } finally {
            fixtures.signOut();
        }
        var refused = post(token, null, "{\"to\":[\"x@relay.example\"],\"subject\":\"Hi\",\"text\":\"x\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("/api/problems/send-api-needs-own-server");
    }
}
