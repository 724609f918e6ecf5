package dev.mailroom.api;

import dev.mailroom.outbox.ProductMessages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The send API (issue 35): the product's own features mail the tenant's people through the tenant's mail service.
 * Queued at once (202), sent by the outbox at the tenant's pace; each recipient is a delivery of its own, under
 * Deliveries with the kind "API". An Idempotency-Key makes a retried call return the first answer, never send twice.
 */
@RestController
@Tag(name = "Messages")
@RequestMapping("/api/v1/messages")
class MessagesEndpoint {

    /**
     * @param text a plain-text body; made from the HTML when only HTML is given
     * @param replyTo one plain address
     */
    record Message(
            @Schema(example = "[\"maria@globex.example\"]") @Nullable
            List<String> to,

            @Schema(example = "Your weekly report") @Nullable
            String subject,

            @Schema(example = "Hello Maria,\n\nthis week's report is ready.") @Nullable
            String text,

            @Schema(example = "<p>Hello Maria,</p><p>this week's report is ready.</p>") @Nullable
            String html,

            @Schema(example = "reports@acme.example") @Nullable
            String replyTo) {}

    /** @param state QUEUED, SENDING, RETRYING, SENT or FAILED */
    record DeliveryResponse(
            UUID id,
            String to,
            String state,
            int attempts,
            @Nullable String lastError) {}

    record MessageResponse(UUID id, List<DeliveryResponse> deliveries) {}

    private final ProductMessages messages;

    MessagesEndpoint(ProductMessages messages) {
        this.messages = messages;
    }

    @Operation(
            summary = "Queue a message to up to 50 recipients through the tenant's mail service",
            description = "202 with the message and one delivery per recipient. With an Idempotency-Key (up to 255"
                    + " visible ASCII characters) a retry answers as the first call did and sends nothing again; the"
                    + " same key with another message is a 422. A field Mailroom would not send as it is is a 422"
                    + " naming it; too many requests for now a 429 with Retry-After.")
    @PostMapping
    ResponseEntity<MessageResponse> send(
            @RequestBody Message message,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        var queued = messages.send(
                Objects.requireNonNullElse(message.to(), List.of()),
                Objects.requireNonNullElse(message.subject(), ""),
                message.text(),
                message.html(),
                message.replyTo(),
                key);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/messages/" + queued.id()))
                .body(of(queued));
    }

    @Operation(summary = "A message's deliveries as they are now (another tenant's id is a 404)")
    @GetMapping("/{id}")
    MessageResponse find(@PathVariable UUID id) {
        return messages.find(id)
                .map(MessagesEndpoint::of)
                .orElseThrow(() -> new NothingHereException("no-such-message"));
    }

    private static MessageResponse of(ProductMessages.Queued queued) {
        return new MessageResponse(
                queued.id(),
                queued.deliveries().stream()
                        .map(d -> new DeliveryResponse(d.id(), d.to(), d.state().name(), d.attempts(), d.lastError()))
                        .toList());
    }
}
