package dev.mailroom.security;

import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.SignInAttempt;
import dev.mailroom.throttle.SignInLocks;
import dev.mailroom.throttle.ThrottleUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check under the sign-in limits (decision 011). Every attempt takes a token from its client's
 * bucket, then its account's, before any password is checked; a success gives them back, so only failures count.
 * A refused attempt is answered at once, with no password checked (refusing must stay cheap under a flood), and
 * with the same words as a wrong password. Every attempt that is not refused checks exactly one password: an
 * unknown account, a pending invitee (a hash no password matches) and a wrong password take the same time.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIn.class);

    private final DaoAuthenticationProvider passwords;
    private final AttemptThrottle throttle;
    private final SignInLocks locks;

    private final java.util.function.UnaryOperator<String> accountOf;

    ThrottledSignIn(
            DaoAuthenticationProvider passwords,
            AttemptThrottle throttle,
            SignInLocks locks,
            java.util.function.UnaryOperator<String> accountOf) {
        this.accountOf = accountOf;
        this.passwords = passwords;
        this.throttle = throttle;
        this.locks = locks;
    }

    @Override
    public @org.jspecify.annotations.Nullable Authentication authenticate(Authentication attempt) {
        String client =
                attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                        ? details.getRemoteAddress()
                        : "unknown";
        SignInAttempt limits;
        try {
            limits = throttle.takeSignIn(String.valueOf(attempt.getName()), client, accountOf);
        } catch (ThrottleUnavailableException e) {
            // Fail closed, with the sign-in page's answer rather than an error page.
            throw new InternalAuthenticationServiceException("The sign-in limits could not be checked", e);
        }
        // A name longer than any address is no account's: refused like a locked one, after the client counted it.
        if (limits.refused() || String.valueOf(attempt.getName()).strip().length() > SignInLocks.MAX_NAME) {
            if (!limits.accountWait().isZero()) {
                locks.lock(limits.account(), limits.accountWait());
            }
            // The client is named, never the account: the log must not become a list of guessed addresses.
            log.warn(
                    "Refused a sign-in from {}: too many failed attempts ({} for the account, {} for the client)",
                    client,
                    limits.accountWait().isZero() ? "not limited" : "locked",
                    limits.clientWait().isZero() ? "not limited" : "locked");
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication signedIn = null;
        AuthenticationException failure = null;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (AuthenticationException e) {
            failure = e;
        }
        if (failure != null) {
            if (!limits.lockOnFailure().isZero()) {
                locks.lock(limits.account(), limits.lockOnFailure());
            }
            throw failure;
        }
        throttle.refund(limits);
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
