package dev.mailroom.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts who and what a request is for into every log line written on its behalf: the tenant, the signed-in
 * account's id (never its email: ids are enough to search, and logs travel further than the database) and a
 * request id (the proxy's {@code X-Request-Id} when it is a plain token, else a new one). With structured logs
 * (logging.structured.format.console) they become fields.
 */
final class LogContext extends OncePerRequestFilter {

    static final String TENANT = "tenant";
    static final String USER = "user";
    static final String REQUEST = "request";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SecurityContextHolderStrategy contexts;

    LogContext(SecurityContextHolderStrategy contexts) {
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader("X-Request-Id");
        MDC.put(
                REQUEST,
                given != null && SAFE_ID.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString());
        var authentication = contexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MailroomUser user) {
            MDC.put(USER, user.accountId().toString());
            if (user.tenantId() != null) {
                MDC.put(TENANT, user.tenantId().toString());
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST);
            MDC.remove(USER);
            MDC.remove(TENANT);
        }
    }
}
