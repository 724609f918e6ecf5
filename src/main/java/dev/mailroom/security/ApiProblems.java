package dev.mailroom.security;

import dev.mailroom.i18n.TranslationProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The API's answers when the security chain stops a request: RFC 9457 problem details with a stable type, in
 * the language the caller asks for (Accept-Language).
 */
@Component
class ApiProblems {

    private final TranslationProvider translations;

    ApiProblems(TranslationProvider translations) {
        this.translations = translations;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
    }

    void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String type)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"/api/problems/" + type + "\",\"title\":\""
                        + json(translations.getTranslation("api.problem." + type, request.getLocale()))
                        + "\",\"status\":"
                        + status + "}");
    }

    /** The titles are our own bundle texts; quotes and backslashes are escaped all the same. */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
