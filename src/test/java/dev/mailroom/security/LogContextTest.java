package dev.mailroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.users.LoginAccount;
import dev.mailroom.users.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** Log lines written for a request carry its tenant, account id and request id, and nothing after it. */
class LogContextTest {

    final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Test
    void aSignedInRequestsLinesNameTheTenantTheAccountAndTheRequest() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        var user = new MailroomUser(new LoginAccount(
                UUID.randomUUID(),
                "ada@acme.example",
                "hash",
                null,
                null,
                java.util.List.of(new dev.mailroom.users.Seat(account, tenant, "Acme", Role.ADMIN, "Ada")),
                java.util.List.of(),
                java.time.Instant.now()));
        var context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        contexts.setContext(context);
        try {
            var request = new MockHttpServletRequest("GET", "/admin/smtp");
            request.addHeader("X-Request-Id", "req-42");
            Map<String, String> seen = new HashMap<>();
            new LogContext(contexts)
                    .doFilter(
                            request, new MockHttpServletResponse(), (rq, rs) -> seen.putAll(MDC.getCopyOfContextMap()));
            assertThat(seen)
                    .containsEntry("tenant", tenant.toString())
                    .containsEntry("user", account.toString())
                    .containsEntry("request", "req-42");
            assertThat(seen.values()).as("ids only, never the address").doesNotContain("ada@acme.example");
            assertThat(MDC.getCopyOfContextMap() == null
                            || MDC.getCopyOfContextMap().isEmpty())
                    .as("cleared after")
                    .isTrue();
        } finally {
            contexts.clearContext();
        }
    }

    @Test
    void aRequestIdThatIsNoPlainTokenIsReplaced() throws Exception {
        var request = new MockHttpServletRequest("GET", "/login");
        request.addHeader("X-Request-Id", "x\n2026-11-25 ERROR forged line");
        Map<String, String> seen = new HashMap<>();
        new LogContext(contexts)
                .doFilter(request, new MockHttpServletResponse(), (rq, rs) -> seen.putAll(MDC.getCopyOfContextMap()));
        assertThat(seen.get("request")).doesNotContain("forged").matches("[0-9a-f-]{36}");
        assertThat(seen).doesNotContainKeys("tenant", "user");
    }
}
