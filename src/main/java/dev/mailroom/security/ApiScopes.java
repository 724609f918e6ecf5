package dev.mailroom.security;

import dev.mailroom.api.TokenScope;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** An API request needs both: the role of the account the token acts as, and the scope the token was given. */
final class ApiScopes {

    private ApiScopes() {}

    static AuthorizationManager<RequestAuthorizationContext> adminWith(TokenScope scope) {
        return AuthorizationManagers.allOf(
                AuthorityAuthorizationManager.hasRole(MailroomUser.ROLE_ADMIN),
                AuthorityAuthorizationManager.hasAuthority(scope.authority()));
    }

    static AuthorizationManager<RequestAuthorizationContext> operatorWith(TokenScope scope) {
        return AuthorizationManagers.allOf(
                AuthorityAuthorizationManager.hasRole(MailroomUser.ROLE_OPERATOR),
                AuthorityAuthorizationManager.hasAuthority(scope.authority()));
    }
}
