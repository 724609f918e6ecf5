package dev.mailroom.security;

import dev.mailroom.api.ApiCaller;
import dev.mailroom.api.ApiTokens;
import dev.mailroom.api.TokenScope;
import dev.mailroom.users.LoginAccounts;
import dev.mailroom.users.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer mrt_…} on the API: the request acts as the admin (or, for a platform token, the
 * operator) who made the token, named with the token in the audit ("Ada Lovelace (API: deploy)"), with exactly
 * that account's rights as of now: a token of an admin who was deactivated, made a user, or whose tenant is
 * suspended does nothing. Anything else leaves the request anonymous, and the API chain answers 401.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final LoginAccounts accounts;
    private final SecurityContextHolderStrategy contexts;

    ApiTokenFilter(ApiTokens tokens, LoginAccounts accounts, SecurityContextHolderStrategy contexts) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            tokens.authenticate(header.substring(BEARER.length()).strip())
                    .flatMap(this::account)
                    .ifPresent(user -> {
                        var context = contexts.createEmptyContext();
                        context.setAuthentication(
                                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
                        contexts.setContext(context);
                    });
        }
        // The chain's SecurityContextHolderFilter clears the context when the request is done.
        chain.doFilter(request, response);
    }

    /** The account the token acts as, if it may still act: an admin who can sign in, or an operator. */
    private Optional<MailroomUser> account(ApiCaller caller) {
        var tenant = caller.tenantId();
        var account = tenant == null
                ? accounts.findOperator(caller.accountId())
                        .filter(a -> a.seats().size() == 1)
                : accounts.findInTenant(tenant, caller.accountId())
                        .filter(a ->
                                a.seats().size() == 1 && a.seats().getFirst().role() == Role.ADMIN);
        return account.map(a -> MailroomUser.forToken(
                a,
                caller.tokenName(),
                caller.scopes().stream().map(TokenScope::authority).toList()));
    }
}
