package dev.mailroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailroom.support.TestTenants;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.SignInLocks;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signing in over real HTTP: the sign-in form needs Spring's CSRF token (no login CSRF), and failed sign-ins
 * lock an account for a while (here after 3 failures, one more attempt every 2 seconds) and a client after 15.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mailroom.demo.enabled=true",
            "mailroom.demo-mailbox.port=0",
            "mailroom.outbox.enabled=false",
            "mailroom.throttle.sign-in.account.capacity=3",
            "mailroom.throttle.sign-in.account.period=6s",
            "mailroom.throttle.sign-in.client.capacity=15",
            "mailroom.throttle.sign-in.client.period=1h",
            // The proxy of the forwarding test below; requests from 127.0.0.1 come from no proxy.
            "mailroom.trusted-proxies=127.0.0.2"
        })
class SignInTest {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestTenants fixtures;

    @Autowired
    SignInLocks locks;

    @Autowired
    AttemptThrottle throttle;

    @Autowired
    DatabaseUserDetailsService accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    dev.mailroom.users.Invitations invitations;

    User user;

    @BeforeEach
    void anAccount() {
        user = fixtures.newUser(fixtures.newTenant("SignIn"), "Sina", Role.USER);
    }

    /** A browser of its own: a cookie jar, no redirects followed. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        /** As a browser asks for a page: HTML first. */
        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The token the sign-in page gives this browser (Vaadin puts it in meta tags). */
        String csrfToken() throws Exception {
            var page = get("/login");
            assertThat(page.statusCode()).as("the sign-in page").isEqualTo(200);
            var found = META.matcher(page.body())
                    .results()
                    .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a));
            assertThat(found).as("Vaadin's page names Spring's CSRF token").containsKeys("_csrf", "_csrf_parameter");
            return found.get("_csrf");
        }

        /** Posts the sign-in form as the page does (or as another site would); returns status and redirect. */
        String signIn(String email, String password, String csrf) throws Exception {
            var form = Map.of("username", email, "password", password, "_csrf", csrf).entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse("");
        }

        String signIn(String email, String password) throws Exception {
            return signIn(email, password, csrfToken());
        }

        boolean signedIn() throws Exception {
            return get("/").statusCode() == 200;
        }
    }

    @Test
    void theSignInFormNeedsItsCsrfTokenSoAnotherSiteCannotSignAVisitorIn() throws Exception {
        var real = new Browser();
        String signedIn = real.signIn(user.email(), TestTenants.PASSWORD);
        assertThat(signedIn).startsWith("302").doesNotContain("login");
        assertThat(real.signedIn()).isTrue();

        var victim = new Browser();
        victim.csrfToken();
        // What an attacker's page can post: its own account's right password, any token it likes.
        for (String forged : new String[] {"forged", "", UUID.randomUUID().toString()}) {
            assertThat(victim.signIn(user.email(), TestTenants.PASSWORD, forged))
                    .as("token '" + forged + "'")
                    .isNotEqualTo(signedIn)
                    .contains("/login");
            assertThat(victim.signedIn()).as("token '" + forged + "'").isFalse();
        }
    }

    @Test
    void pagesCarrySecurityHeadersAndTheSessionCookieStaysOnThisSite() throws Exception {
        var page = new Browser().get("/login");
        var headers = page.headers();
        assertThat(headers.firstValue("Content-Security-Policy"))
                .as(headers.map().toString())
                .get()
                .asString()
                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .contains("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void errorsShowTheApplicationsOwnPageNotSpringsWhitelabelPage() throws Exception {
        var browser = new Browser();
        assertThat(browser.signIn(user.email(), TestTenants.PASSWORD)).doesNotContain("error");
        var error = browser.get("/error");
        assertThat(error.body())
                .contains("Something went wrong", "Mailroom")
                .doesNotContain("Whitelabel", "Exception", "trace");
        assertThat(error.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    }

    @Test
    void anAccountIsLockedAfterItsFailuresAndOpensAgainWhenTheLockEnds() throws Exception {
        var browser = new Browser();
        String failed = browser.signIn(user.email(), "wrong-1");
        assertThat(failed).isEqualTo("302 http://127.0.0.1:" + port + "/login?error");
        assertThat(browser.signIn(user.email(), "wrong-2")).isEqualTo(failed);
        assertThat(browser.signIn(user.email(), "wrong-3")).isEqualTo(failed);
        assertThat(locks.lockedAmong(List.of(user.email())))
                .as("the lock is there for admins to see")
                .containsKey(user.email().toLowerCase(Locale.ROOT));

        assertThat(browser.signIn(user.email(), TestTenants.PASSWORD))
                .as("right password, locked account")
                .isEqualTo(failed);
        assertThat(browser.signIn("nobody-" + UUID.randomUUID() + "@signin.example", "whatever"))
                .as("unknown account")
                .isEqualTo(failed);
        assertThat(browser.signedIn()).isFalse();

        await("the account's lock to end (one attempt back every 2 s)")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> locks.lockedAmong(List.of(user.email())).isEmpty());
        assertThat(browser.signIn(user.email(), TestTenants.PASSWORD))
                .as("right password once the lock ended")
                .startsWith("302")
                .doesNotContain("error");
        assertThat(browser.signedIn()).isTrue();
    }

    @Test
    void aClientIsRefusedAfterItsFailuresWhateverAccountsItTries() {
        var provider = provider(new AtomicInteger());
        String sprayer = "198.51.100.7/" + UUID.randomUUID();
        for (int i = 0; i < 15; i++) {
            String sprayed = "spray-" + i + "-" + UUID.randomUUID() + "@signin.example";
            assertThatThrownBy(() -> provider.authenticate(attempt(sprayed, "Winter2026!", sprayer)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(attempt(user.email(), TestTenants.PASSWORD, sprayer)))
                .as("a real account's right password from the sprayer's address")
                .isInstanceOf(BadCredentialsException.class);
        assertThat(provider.authenticate(
                                attempt(user.email(), TestTenants.PASSWORD, "192.0.2.200/" + UUID.randomUUID()))
                        .isAuthenticated())
                .as("the account itself is not locked: from elsewhere it signs in")
                .isTrue();
    }

    /**
     * Every attempt the limits let through checks exactly one password, whatever the reason it fails (unknown
     * account, pending invitee, wrong password), so those answers take as long; an attempt the limits refuse checks
     * none: refusing stays cheap under a flood.
     */
    @Test
    void everyFailureLetThroughChecksOnePasswordAndARefusedOneNone() {
        var checks = new AtomicInteger();
        var provider = provider(checks);
        String client = "client/" + UUID.randomUUID();
        var tenant = fixtures.newTenant("Inviting");
        fixtures.signInAs(fixtures.newUser(tenant, "Ida", Role.ADMIN));
        var invitee = invitations.invite(
                "ines." + UUID.randomUUID().toString().substring(0, 8) + "@signin.example",
                "Ines Invited",
                Role.USER,
                Locale.ENGLISH);
        fixtures.signOut();
        for (var attempt : new String[][] {
            {"unknown-" + UUID.randomUUID() + "@signin.example", "x", "1"},
            {invitee.email(), "a-guess", "1"},
            {user.email(), "wrong-a", "1"},
            {user.email(), "wrong-b", "1"},
            {user.email(), "wrong-c", "1"},
            {user.email(), TestTenants.PASSWORD, "0"}
        }) {
            int before = checks.get();
            assertThatThrownBy(() -> provider.authenticate(attempt(attempt[0], attempt[1], client)))
                    .as(attempt[0] + " / " + attempt[1])
                    .isExactlyInstanceOf(BadCredentialsException.class);
            assertThat(checks.get() - before)
                    .as("passwords checked for " + attempt[0] + " / " + attempt[1])
                    .isEqualTo(Integer.parseInt(attempt[2]));
        }
        assertThat(accounts.loadUserByUsername(invitee.email()).getPassword())
                .as("a pending invitee's hash is a real one that no password matches")
                .startsWith("$2a$");
    }

    /**
     * A flood of random names from one client: once the client is refused, its attempts make no bucket for the
     * names they type and check no password; a name longer than any address makes none either.
     */
    @Test
    void aRefusedClientsAttemptsWriteNothingNewAndCheckNoPassword() {
        var checks = new AtomicInteger();
        var provider = provider(checks);
        String flooder = "203.0.113.9/" + UUID.randomUUID();
        String marker = "flood-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 40; i++) {
            String name = marker + "-" + i + "-" + "x".repeat(i == 0 ? 300 : 20) + "@signin.example";
            assertThatThrownBy(() -> provider.authenticate(attempt(name, "Winter2026!", flooder)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        long rows = jdbc.sql("select count(*) from throttle_bucket where id like :pattern")
                .param("pattern", "%" + marker + "%")
                .query(Long.class)
                .single();
        assertThat(rows)
                .as("account buckets: one per attempt the client's 15 let through, none for the long name")
                .isEqualTo(14);
        assertThat(checks.get()).as("passwords checked").isEqualTo(14);
    }

    /** The application's sign-in check, with a password encoder that counts its checks. */
    private ThrottledSignIn provider(AtomicInteger passwordChecks) {
        var dao = new DaoAuthenticationProvider(accounts);
        dao.setPasswordEncoder(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                passwordChecks.incrementAndGet();
                return encoder.matches(raw, encoded);
            }
        });
        dao.setPreAuthenticationChecks(u -> {});
        dao.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return new ThrottledSignIn(dao, throttle, locks, accounts::addressOf);
    }

    private static UsernamePasswordAuthenticationToken attempt(String email, String password, String client) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(client);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    /**
     * The client address the limits count comes from X-Forwarded-For only when the direct peer is a configured
     * proxy: a client that names its own address cannot use up another's attempts or escape its own.
     */
    @Test
    void forwardingHeadersAreBelievedOnlyFromATrustedProxy() throws Exception {
        String claimed = "198.51.100." + (10 + new java.util.Random().nextInt(200));
        String forged = "203.0.113." + (10 + new java.util.Random().nextInt(200));
        signInFrom(InetAddress.getByName("127.0.0.1"), forged);
        signInFrom(InetAddress.getByName("127.0.0.2"), claimed);
        assertThat(bucketsNaming(forged))
                .as("a header from a client that is no proxy is ignored")
                .isZero();
        assertThat(bucketsNaming(claimed))
                .as("the trusted proxy's header names the client")
                .isEqualTo(1);
    }

    private void signInFrom(InetAddress local, String forwardedFor) throws Exception {
        var http = HttpClient.newBuilder()
                .localAddress(local)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var csrf = META.matcher(page.body())
                .results()
                .filter(m -> m.group(1).equals("_csrf"))
                .findFirst()
                .orElseThrow()
                .group(2);
        var form = "username="
                + URLEncoder.encode("nobody-" + UUID.randomUUID() + "@signin.example", StandardCharsets.UTF_8)
                + "&password=wrong&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        var answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
    }

    private long bucketsNaming(String address) {
        return jdbc.sql("select count(*) from throttle_bucket where id like :pattern")
                .param("pattern", "signin:client:%" + address)
                .query(Long.class)
                .single();
    }

    /** Every spelling that reaches one account counts against that account's one bucket, not one per spelling. */
    @Test
    void spellingsOfOneAccountShareItsBucket() {
        var provider = provider(new AtomicInteger());
        String client = "client/" + UUID.randomUUID();
        for (String spelling :
                new String[] {user.email().toUpperCase(Locale.ROOT), " " + user.email() + " ", user.email()}) {
            assertThatThrownBy(() -> provider.authenticate(attempt(spelling, "wrong", client)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(locks.lockedAmong(List.of(user.email())))
                .as("three failures in three spellings lock the account (capacity 3)")
                .containsKey(user.email().toLowerCase(Locale.ROOT));
    }

    /** A page's request past the limit is refused before it is read whole (Vaadin's maxRequestBodySize). */
    @Test
    void aPageRequestPastItsLimitIsRefused() throws Exception {
        var browser = new Browser();
        assertThat(browser.signIn(user.email(), TestTenants.PASSWORD)).doesNotContain("error");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        var huge = browser.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?v-r=uidl&v-uiId=0"))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"csrfToken\":\"" + "x".repeat(2_000_000) + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
    }
}
