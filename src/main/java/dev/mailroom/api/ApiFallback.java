package dev.mailroom.api;

import dev.mailroom.i18n.Languages;
import dev.mailroom.i18n.TranslationProvider;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any API address that is no endpoint: a 404 problem, not the web page the rest of the site would answer with
 * (Vaadin answers every other address with its page, so scripts would read HTML and a 200).
 */
@RestController
class ApiFallback {

    private final TranslationProvider translations;

    ApiFallback(TranslationProvider translations) {
        this.translations = translations;
    }

    @RequestMapping("/api/**")
    ProblemDetail notFound(Locale locale) {
        var problem = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
        problem.setType(URI.create("/api/problems/not-found"));
        problem.setTitle(translations.getTranslation(
                "api.problem.not-found", Languages.supportedOrDefault(locale.getLanguage())));
        return problem;
    }
}
