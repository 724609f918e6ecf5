package dev.mailroom.api;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.smtp.SaveOutcome;
import dev.mailroom.smtp.SmtpSettingsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's SMTP settings, read and written through the page's service (validation, the secret rules,
 * encryption, attempt limits, the audit and the status). Secrets are never answered, only whether one is stored.
 * Writes name the version they replace (If-Match, from the ETag): PUT replaces, PATCH merges (RFC 7396), DELETE
 * goes back to the default mail service and wipes every setting and secret, like Remove on the page.
 */
@RestController
@Tag(name = "SMTP settings")
@RequestMapping("/api/v1")
class SmtpSettingsEndpoint {

    /**
     * @param valid    false when the settings were saved but cannot work (no OAuth 2.0 token was issued)
     * @param message  what the page says after Save, in the caller's language
     * @param warnings e.g. a certificate that expires soon
     */
    record SaveResponse(boolean valid, String message, List<String> warnings, SmtpSettingsBody settings) {}

    private final SmtpSettingsService settings;
    private final TranslationProvider translations;
    private final JsonMapper json;

    SmtpSettingsEndpoint(SmtpSettingsService settings, TranslationProvider translations, JsonMapper json) {
        this.settings = settings;
        this.translations = translations;
        this.json = json;
    }

    @Operation(
            summary = "Read the SMTP settings (never a secret, only whether one is stored)",
            description =
                    "The ETag is the settings' version: name it in If-Match to change them. \"none\" while nothing is stored.")
    @GetMapping("/smtp-settings")
    ResponseEntity<SmtpSettingsBody> smtpSettings() {
        var s = settings.load();
        return ResponseEntity.ok().eTag(SettingsVersions.etag(s)).body(SmtpSettingsBody.of(s));
    }

    /** Replaces the settings: what is left out takes the blank form's value, a secret left out is kept. */
    @Operation(
            summary = "Replace the SMTP settings",
            description =
                    "What is left out takes the blank form's value; a secret left out keeps the stored one, unless where it goes changed (then it must be given again, as on the page). Needs If-Match (428 without, 412 when another change came first). An OAuth 2.0 client is asked for a token: valid is false, with the message the page shows, when none is issued.")
    @PutMapping("/smtp-settings")
    ResponseEntity<SaveResponse> replace(
            @RequestBody SmtpSettingsBody change,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Locale locale) {
        var current = settings.load();
        return saved(settings.save(change.toDraft(current, SettingsVersions.expected(ifMatch, current))), locale);
    }

    /** Changes only the fields the patch names (JSON Merge Patch, RFC 7396). */
    @Operation(
            summary = "Change some SMTP settings (JSON Merge Patch, RFC 7396)",
            description = "Only the fields in the patch change; null removes a value. Same rules as PUT.")
    @PatchMapping(
            path = "/smtp-settings",
            consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<SaveResponse> patch(
            @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Locale locale) {
        var current = settings.load();
        Long expected = SettingsVersions.expected(ifMatch, current);
        var merged = MergePatch.apply(json.valueToTree(SmtpSettingsBody.of(current)), patch);
        var change = json.treeToValue(merged, SmtpSettingsBody.class);
        return saved(settings.save(change.toDraft(current, expected)), locale);
    }

    /** Remove: back to the default mail service, every setting, secret and certificate wiped. */
    @Operation(
            summary = "Remove the SMTP settings: every setting and secret is wiped, the default mail service is used",
            description = "Needs If-Match.")
    @DeleteMapping("/smtp-settings")
    ResponseEntity<Void> remove(
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        settings.remove(SettingsVersions.expected(ifMatch, settings.load()));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<SaveResponse> saved(SaveOutcome outcome, Locale locale) {
        var body = new SaveResponse(
                outcome.valid(),
                outcome.messageFor((key, args) -> translations.getTranslation(key, locale, args)),
                outcome.warnings().stream()
                        .map(w -> translations.getTranslation(w, locale))
                        .toList(),
                SmtpSettingsBody.of(outcome.settings()));
        return ResponseEntity.ok()
                .eTag(SettingsVersions.etag(outcome.settings()))
                .body(body);
    }
}
