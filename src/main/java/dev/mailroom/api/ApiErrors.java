package dev.mailroom.api;

import dev.mailroom.console.InvalidTenantException;
import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.smtp.ConcurrentEditException;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.throttle.TestAlreadyRunningException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.users.EmailTakenException;
import dev.mailroom.users.InvalidInvitationException;
import dev.mailroom.users.LastAdminException;
import dev.mailroom.users.UserNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The API's answers when it cannot do what was asked: RFC 9457 problems with a stable type and the page's own explanation in the caller's
 * language: 429 with Retry-After for attempt limits, 409 while another test runs, 422 for settings that cannot
 * be used, each field named; 412 when the settings changed since the version a write names, 428 when it names none.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    private final TranslationProvider translations;

    ApiErrors(TranslationProvider translations) {
        this.translations = translations;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException e, Locale locale) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        var problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", locale, seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> testRunning(TestAlreadyRunningException e, Locale locale) {
        return answer(HttpStatus.CONFLICT, "test-running", locale);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidSettings(InvalidSmtpSettingsException e, Locale locale) {
        return withFields(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-settings",
                locale,
                e.problems().stream()
                        .map(p -> field(
                                p.field().name(),
                                p.messageKey(),
                                locale,
                                p.args().toArray()))
                        .toList());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInvitation(InvalidInvitationException e, Locale locale) {
        return withFields(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-invitation",
                locale,
                List.of(field(e.field(), e.messageKey(), locale)));
    }

    /** A tenant's name or slug that the console would refuse too; a taken slug is a conflict, not a typo. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidTenant(InvalidTenantException e, Locale locale) {
        boolean taken = e.slugTaken();
        var status = taken ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        return withFields(
                status,
                taken ? "slug-taken" : "invalid-tenant",
                locale,
                List.of(field(e.field(), e.messageKey(), locale)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidMessage(dev.mailroom.outbox.InvalidMessageException e, Locale locale) {
        return withFields(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-message",
                locale,
                List.of(field(e.field(), e.messageKey(), locale)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> sendApiUnavailable(dev.mailroom.outbox.SendApiUnavailableException e, Locale locale) {
        return answer(HttpStatus.CONFLICT, "send-api-needs-own-server", locale);
    }

    /** The key answered another request: a retry must send what it sent the first time. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> keyReused(dev.mailroom.outbox.IdempotencyKeyReusedException e, Locale locale) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", locale);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> emailTaken(EmailTakenException e, Locale locale) {
        return answer(HttpStatus.CONFLICT, "email-taken", locale);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> lastAdmin(LastAdminException e, Locale locale) {
        return answer(HttpStatus.CONFLICT, "last-admin", locale);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> nothingHere(NothingHereException e, Locale locale) {
        return answer(HttpStatus.NOT_FOUND, e.type(), locale);
    }

    /** Another tenant's user is no user of this one: the same answer as an id that never existed. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> noSuchUser(UserNotFoundException e, Locale locale) {
        return answer(HttpStatus.NOT_FOUND, "no-such-user", locale);
    }

    /** A page no list reaches (a number past what an offset can hold), or a parameter that is no number. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> pageOutOfRange(PageOutOfRangeException e, Locale locale) {
        return withFields(
                HttpStatus.BAD_REQUEST,
                "page-out-of-range",
                locale,
                List.of(Map.of("field", "page", "last", e.lastPage())));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> parameterNotANumber(
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e, Locale locale) {
        return withFields(HttpStatus.BAD_REQUEST, "bad-parameter", locale, List.of(Map.of("field", e.getName())));
    }

    /** A value outside what the field takes (a role that is neither ADMIN nor USER). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> badValue(UnknownValueException e, Locale locale) {
        return withFields(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "unknown-value",
                locale,
                List.of(Map.of("field", e.field(), "allowed", e.allowed())));
    }

    /** Not JSON, or not the JSON the endpoint takes (a mistyped or unknown field): nothing was done. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, Locale locale) {
        return e.getCause() instanceof JacksonException cause
                ? unreadable(cause, locale)
                : answer(HttpStatus.BAD_REQUEST, "bad-request", locale);
    }

    /**
     * A field the endpoint does not know is refused, not ignored: a misspelt "pasword" must not look like a
     * change that was made.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(JacksonException e, Locale locale) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                e instanceof UnrecognizedPropertyException ? "unknown-field" : "bad-request",
                locale);
        // Where the JSON went wrong, when that is a field: "authentication.pasword", "port" given as text.
        String path = e.getPath().stream()
                .map(JacksonException.Reference::getPropertyName)
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining("."));
        if (!path.isEmpty()) {
            problem.setProperty("fields", List.of(Map.of("field", path)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** The version named in If-Match is no longer the stored one: someone else saved in between. */
    @ExceptionHandler({ConcurrentEditException.class, SettingsVersions.StaleVersionException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e, Locale locale) {
        return answer(HttpStatus.PRECONDITION_FAILED, "concurrent-change", locale);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ifMatchRequired(SettingsVersions.PreconditionRequiredException e, Locale locale) {
        return answer(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", locale);
    }

    /** A refusal that concerns fields: each named, with the page's message for it (or what it allows). */
    private ResponseEntity<ProblemDetail> withFields(
            HttpStatus status, String type, Locale locale, List<Map<String, Object>> fields) {
        var problem = problem(status, type, locale);
        problem.setProperty("fields", fields);
        return ResponseEntity.status(status).body(problem);
    }

    private Map<String, Object> field(String name, String messageKey, Locale locale, Object... args) {
        return Map.of("field", name, "message", translations.getTranslation(messageKey, locale, args));
    }

    private ResponseEntity<ProblemDetail> answer(HttpStatus status, String type, Locale locale) {
        return ResponseEntity.status(status).body(problem(status, type, locale));
    }

    private ProblemDetail problem(HttpStatus status, String type, Locale locale, Object... args) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("/api/problems/" + type));
        problem.setTitle(translations.getTranslation("api.problem." + type, locale, args));
        return problem;
    }
}
