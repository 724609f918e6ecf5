package dev.mailroom.api;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.outbox.Deliveries;
import dev.mailroom.outbox.DeliveryState;
import dev.mailroom.outbox.OutboxMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Deliveries page for scripts: {@code GET /api/v1/deliveries?limit=N} (newest first, at most 100; no bodies)
 * and {@code POST /api/v1/deliveries/{id}/retry} for a failed one. Another tenant's id is no such delivery: 404.
 */
@RestController
@Tag(name = "Deliveries")
@RequestMapping("/api/v1/deliveries")
class DeliveriesEndpoint {

    record Delivery(
            UUID id,
            String kind,
            String to,
            String subject,
            String state,
            int attempts,
            Instant queuedAt,
            @Nullable Instant sentAt,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError) {}

    private final Deliveries deliveries;
    private final TranslationProvider translations;

    DeliveriesEndpoint(Deliveries deliveries, TranslationProvider translations) {
        this.deliveries = deliveries;
        this.translations = translations;
    }

    @Operation(summary = "The tenant's latest product mail deliveries, newest first, without their bodies")
    @GetMapping
    List<Delivery> recent(@RequestParam(defaultValue = "50") int limit, Locale locale) {
        return deliveries.recent(Math.clamp(limit, 1, 100)).stream()
                .map(m -> of(m, locale))
                .toList();
    }

    @Operation(
            summary = "Retry a failed delivery now",
            description = "A delivery that has not failed, or another tenant's id, is a 404.")
    @PostMapping("/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable UUID id) {
        if (!deliveries.retry(id)) {
            throw new NothingHereException("no-failed-delivery");
        }
        return ResponseEntity.noContent().build();
    }

    private Delivery of(OutboxMessage m, Locale locale) {
        boolean waiting = m.state() == DeliveryState.QUEUED || m.state() == DeliveryState.RETRYING;
        return new Delivery(
                m.id(),
                m.kind().name(),
                m.recipient(),
                m.subject(),
                m.state().name(),
                m.attempts(),
                m.createdAt(),
                m.sentAt(),
                waiting ? m.nextAttemptAt() : null,
                m.lastErrorFor((key, detail) -> translations.getTranslation(key, locale, detail)));
    }
}
