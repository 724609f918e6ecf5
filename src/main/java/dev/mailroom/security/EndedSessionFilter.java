package dev.mailroom.security;

import dev.mailroom.users.SessionValidity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session at its next request once it no longer stands (a tenant member's: password set anew, membership
 * deactivated, role changed; an operator's: password set anew): the HTTP session is invalidated and the request
 * goes on signed out, so Vaadin answers "session expired" and the browser lands on the sign-in page. Vaadin's
 * client sends its requests over HTTP (push only comes back over the WebSocket), so every click passes here.
 */
class EndedSessionFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EndedSessionFilter.class);
    private final SessionValidity validity;
    private final dev.mailroom.operator.OperatorAccounts operators;
    private final SecurityContextHolderStrategy contexts;

    EndedSessionFilter(
            SessionValidity validity,
            dev.mailroom.operator.OperatorAccounts operators,
            SecurityContextHolderStrategy contexts) {
        this.validity = validity;
        this.operators = operators;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = contexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MailroomUser user && !stands(user)) {
            log.info("Ending a session of user {}: its account changed after it signed in", user.accountId());
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }

    /** A person still choosing a seat can do nothing else; choosing checks them again (SeatChoice). */
    private boolean stands(MailroomUser user) {
        if (user.tenantId() != null) {
            return validity.stillValid(user.accountId(), user.signedInAt());
        }
        return !user.isOperator() || operators.sessionStands(user.accountId(), user.signedInAt());
    }
}
