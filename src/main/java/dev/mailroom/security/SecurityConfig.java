package dev.mailroom.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.mailroom.api.ApiTokens;
import dev.mailroom.api.TokenScope;
import dev.mailroom.security.ui.LoginView;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.SignInLocks;
import dev.mailroom.users.LoginAccounts;
import dev.mailroom.users.SessionValidity;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    /**
     * Actuator. Health (liveness, readiness) answers anyone, as load balancers ask without signing in; its
     * details only operators see. Metrics and the rest: on the management port (MANAGEMENT_SERVER_PORT, kept on
     * the internal network) for anyone who reaches it, on the public port only for signed-in operators.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http, Environment environment) throws Exception {
        http.securityMatcher("/actuator/**");
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers(request -> onManagementPort(request, environment))
                .permitAll()
                .anyRequest()
                .hasRole(MailroomUser.ROLE_OPERATOR));
        http.exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    private static boolean onManagementPort(HttpServletRequest request, Environment environment) {
        Integer management = environment.getProperty("local.management.port", Integer.class);
        Integer server = environment.getProperty("local.server.port", Integer.class);
        return management != null && !management.equals(server) && request.getLocalPort() == management;
    }

    /**
     * The API: stateless, a bearer token per request (never the page's session cookie, so no CSRF), every call
     * as a tenant admin. Without a usable token: 401 as a problem (RFC 9457), the same for a token that never
     * existed, was revoked or expired, so an answer tells nothing about other tenants' tokens.
     */
    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiTokens tokens,
            LoginAccounts accounts,
            SecurityContextHolderStrategy contexts,
            ApiProblems problems)
            throws Exception {
        http.securityMatcher("/api/**");
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()));
        http.csrf(c -> c.disable());
        http.requestCache(c -> c.disable());
        http.addFilterBefore(new ApiTokenFilter(tokens, accounts, contexts), AnonymousAuthenticationFilter.class);
        // Log lines of an API call name its tenant and admin, as a page's do.
        http.addFilterAfter(new LogContext(contexts), ApiTokenFilter.class);
        http.addFilterAfter(new ApiBodyLimit(problems), AuthorizationFilter.class);
        // Platform tokens manage tenants; tenant tokens their own tenant, each only within its scopes (issue 35).
        // Neither reaches the other's.
        http.authorizeHttpRequests(a -> a.requestMatchers("/api/v1/tenants", "/api/v1/tenants/**")
                .access(ApiScopes.operatorWith(TokenScope.TENANTS))
                .requestMatchers(HttpMethod.GET, "/api/v1/smtp-settings", "/api/v1/mail-status")
                .access(ApiScopes.adminWith(TokenScope.SETTINGS_READ))
                .requestMatchers(
                        HttpMethod.POST, "/api/v1/smtp-settings/test-connection", "/api/v1/smtp-settings/test-email")
                .access(ApiScopes.adminWith(TokenScope.TESTS_RUN))
                .requestMatchers("/api/v1/smtp-settings", "/api/v1/smtp-settings/**")
                .access(ApiScopes.adminWith(TokenScope.SETTINGS_WRITE))
                .requestMatchers("/api/v1/deliveries", "/api/v1/deliveries/**")
                .access(ApiScopes.adminWith(TokenScope.DELIVERIES))
                .requestMatchers("/api/v1/users", "/api/v1/users/**")
                .access(ApiScopes.adminWith(TokenScope.USERS))
                .requestMatchers("/api/v1/messages", "/api/v1/messages/**")
                .access(ApiScopes.adminWith(TokenScope.MAIL_SEND))
                .requestMatchers("/api/v1/token")
                .hasAnyRole(MailroomUser.ROLE_ADMIN, MailroomUser.ROLE_OPERATOR)
                .anyRequest()
                .hasRole(MailroomUser.ROLE_ADMIN));
        http.exceptionHandling(
                e -> e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            SessionValidity validity,
            dev.mailroom.operator.OperatorAccounts operators,
            SecurityContextHolderStrategy contexts,
            RequestUtil vaadinRequests)
            throws Exception {
        http.addFilterAfter(new EndedSessionFilter(validity, operators, contexts), SecurityContextHolderFilter.class);
        http.addFilterAfter(new LogContext(contexts), SecurityContextHolderFilter.class);
        // The stylesheet and images are needed by the login page itself.
        http.authorizeHttpRequests(a -> a.requestMatchers("/styles/**", "/images/**")
                .permitAll()
                // The API's description and its browsable UI: for those who can make tokens.
                .requestMatchers("/api-docs", "/api-docs/**")
                .hasAnyRole(MailroomUser.ROLE_ADMIN, MailroomUser.ROLE_OPERATOR)
                // Liveness and readiness on the main port when actuator has a port of its own.
                .requestMatchers("/livez", "/readyz")
                .permitAll());
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        // Unknown addresses reach Vaadin's not-found view when signed in (instead of a bare 403);
        // anonymous visitors are sent to the login page and learn nothing about what exists.
        http.with(
                VaadinSecurityConfigurer.vaadin(),
                c -> c.loginView(LoginView.class)
                        .anyRequest(AuthorizedUrl::authenticated)
                        .enableCsrfConfiguration(false));
        // Vaadin's own requests carry Vaadin's CSRF token. Vaadin would also exempt the sign-in POST, which lets
        // another site sign a visitor into the attacker's account (login CSRF); here it needs Spring's token,
        // which Vaadin's page puts in a meta tag and the login form sends.
        http.csrf(c -> c.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        return http.build();
    }

    /**
     * The sign-in check. Account state (disabled, suspended tenant) is judged only after the password, so an
     * account's state cannot be told from the time the answer takes.
     */
    @Bean
    AuthenticationProvider signIn(
            DatabaseUserDetailsService accounts, PasswordEncoder encoder, AttemptThrottle throttle, SignInLocks locks) {
        var passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(encoder);
        var accountChecks = new AccountStatusUserDetailsChecker();
        passwords.setPreAuthenticationChecks(user -> {});
        passwords.setPostAuthenticationChecks(accountChecks);
        return new ThrottledSignIn(passwords, throttle, locks, accounts::addressOf);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
