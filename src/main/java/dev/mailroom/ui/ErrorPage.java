package dev.mailroom.ui;

import dev.mailroom.i18n.TranslationProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * The page Spring shows for errors outside Vaadin's pages (an unknown static file, a refused request,
 * {@code /error} itself), in the app's words and style instead of Spring's "Whitelabel Error Page". It says
 * what happened in general terms only: never an exception, a path or a stack trace.
 */
@Component("error")
class ErrorPage implements View {

    private final TranslationProvider translations;

    ErrorPage(TranslationProvider translations) {
        this.translations = translations;
    }

    @Override
    public String getContentType() {
        return "text/html;charset=UTF-8";
    }

    @Override
    public void render(
            @org.jspecify.annotations.Nullable Map<String, ?> model,
            HttpServletRequest request,
            HttpServletResponse response)
            throws Exception {
        Locale locale = request.getLocale();
        Object status = model == null ? null : model.get("status");
        boolean notFound = Integer.valueOf(404).equals(status);
        String title = translations.getTranslation(notFound ? "notfound.title" : "error.title", locale);
        String message = translations.getTranslation(notFound ? "notfound.message" : "error.unexpected", locale);
        String home = translations.getTranslation("notfound.home", locale);
        String html = """
                <!doctype html>
                <html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s | Mailroom</title><link rel="stylesheet" href="/styles/mailroom.css"></head>
                <body class="mailroom-error-page"><main><h1>%s</h1><p>%s</p><p><a href="/">%s</a></p></main></body></html>
                """.formatted(locale.getLanguage(), escape(title), escape(title), escape(message), escape(home));
        response.setContentType(getContentType());
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
