package dev.mailroom.api;

import dev.mailroom.console.TenantOverview;
import dev.mailroom.console.TenantsConsole;
import dev.mailroom.i18n.Languages;
import dev.mailroom.i18n.TranslationProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator console for scripts (platform tokens only): every tenant with its mail status, a page at a time;
 * a new tenant with its first admin (invited by mail, as from the console); suspend and resume.
 */
@RestController
@Tag(name = "Tenants (platform tokens)")
@RequestMapping("/api/v1/tenants")
class TenantsEndpoint {

    static final int MAX_PAGE_SIZE = 200;

    /**
     * @param level  OK, WARNING or ERROR; UNKNOWN while nothing was sent or tested
     * @param reason what is wrong, in the caller's language; null when nothing is
     */
    record Status(
            String level, @Nullable String reason, @Nullable Instant since) {}

    record TenantResponse(
            UUID id,
            String name,
            String slug,
            boolean suspended,

            @Schema(description = "DEFAULT_SERVICE or CUSTOM")
            String mailService,

            Status status,
            long admins,
            long lockedAccounts,
            @Nullable Instant lastDelivery) {}

    record TenantPage(List<TenantResponse> tenants, int page, int size, boolean more) {}

    record FirstAdmin(
            @Schema(example = "ada@globex.example") @Nullable
            String email,

            @Schema(example = "Ada Lovelace") @Nullable String name) {}

    record NewTenant(
            @Schema(example = "Globex") @Nullable String name,

            @Schema(example = "globex", description = "Lower-case letters, digits and dashes") @Nullable
            String slug,

            @Nullable FirstAdmin admin) {}

    /** @param invited the first admin, who was sent an invitation to set a password */
    record CreatedTenant(UUID id, String name, String slug, String invited) {}

    private final TenantsConsole console;
    private final TranslationProvider translations;

    TenantsEndpoint(TenantsConsole console, TranslationProvider translations) {
        this.console = console;
        this.translations = translations;
    }

    /** @param onlyProblems only tenants whose mail status is WARNING or ERROR */
    @Operation(
            summary = "List tenants with their mail status, by name, a page at a time",
            description = "onlyProblems=true keeps those whose status is WARNING or ERROR.")
    @GetMapping
    TenantPage list(
            @RequestParam(defaultValue = "false") boolean onlyProblems,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Locale locale) {
        int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
        int pageNumber = Math.max(0, page);
        // One more than asked: whether there is a next page, without counting them all.
        var found = console.tenants(onlyProblems, PageOutOfRangeException.offset(pageNumber, pageSize), pageSize + 1);
        return new TenantPage(
                found.stream().limit(pageSize).map(t -> of(t, locale)).toList(),
                pageNumber,
                pageSize,
                found.size() > pageSize);
    }

    /** Creates the tenant and invites its first admin, in one transaction: no tenant without its admin. */
    @Operation(
            summary = "Create a tenant with its first admin, who is sent an invitation",
            description =
                    "A taken slug is a 409, an unacceptable name, slug or address a 422, an address that has an account a 409.")
    @PostMapping
    ResponseEntity<CreatedTenant> create(@RequestBody NewTenant request, Locale locale) {
        var admin = Objects.requireNonNullElse(request.admin(), new FirstAdmin(null, null));
        String email = Objects.requireNonNullElse(admin.email(), "");
        var tenant = console.createTenant(
                Objects.requireNonNullElse(request.name(), ""),
                Objects.requireNonNullElse(request.slug(), ""),
                email,
                Objects.requireNonNullElse(admin.name(), ""),
                Languages.supportedOrDefault(locale.getLanguage()));
        // No Location: a tenant has no address of its own in this API (the list is where it shows).
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedTenant(tenant.id(), tenant.name(), tenant.slug(), email.strip()));
    }

    @Operation(summary = "Suspend a tenant: nobody of it signs in, its API tokens stop acting")
    @PostMapping("/{id}/suspend")
    ResponseEntity<Void> suspend(@PathVariable UUID id) {
        return done(console.suspend(id));
    }

    @Operation(summary = "Resume a suspended tenant")
    @PostMapping("/{id}/resume")
    ResponseEntity<Void> resume(@PathVariable UUID id) {
        return done(console.resume(id));
    }

    private static ResponseEntity<Void> done(boolean found) {
        if (!found) {
            throw new NothingHereException("no-such-tenant");
        }
        return ResponseEntity.noContent().build();
    }

    private TenantResponse of(TenantOverview t, Locale locale) {
        String reason = t.reasonFor((key, args) -> translations.getTranslation(key, locale, args));
        return new TenantResponse(
                t.id(),
                t.name(),
                t.slug(),
                t.suspended(),
                t.customSettings() ? "CUSTOM" : "DEFAULT_SERVICE",
                new Status(t.level() == null ? "UNKNOWN" : t.level().name(), reason, t.statusSince()),
                t.admins(),
                t.lockedAccounts(),
                t.lastDelivery());
    }
}
