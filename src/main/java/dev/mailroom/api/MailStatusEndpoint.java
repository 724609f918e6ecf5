package dev.mailroom.api;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.status.MailStatusService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/mail-status}: the tenant's mail status, as its admins see it on the SMTP page. */
@RestController
@Tag(name = "Mail status")
@RequestMapping("/api/v1")
class MailStatusEndpoint {

    /**
     * @param level  OK, WARNING or ERROR (UNKNOWN before anything was sent or tested)
     * @param reason what is wrong, in the caller's language (Accept-Language); null when nothing is
     */
    record MailStatusResponse(
            String level,
            @Nullable String source,
            @Nullable String reason,
            @Nullable Instant since,
            @Nullable Instant lastSuccessAt) {}

    private final MailStatusService statuses;
    private final TranslationProvider translations;

    MailStatusEndpoint(MailStatusService statuses, TranslationProvider translations) {
        this.statuses = statuses;
        this.translations = translations;
    }

    @Operation(
            summary = "The tenant's mail status, as the SMTP page's banner and the sidebar badge show it",
            description = "The reason is in the language of Accept-Language.")
    @GetMapping("/mail-status")
    MailStatusResponse mailStatus(Locale locale) {
        return statuses.current()
                .map(s -> new MailStatusResponse(
                        s.level().name(),
                        s.source().name(),
                        s.reasonFor((key, args) -> translations.getTranslation(key, locale, args)),
                        s.since(),
                        s.lastSuccessAt()))
                .orElse(new MailStatusResponse("UNKNOWN", null, null, null, null));
    }
}
