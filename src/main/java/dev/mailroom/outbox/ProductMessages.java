package dev.mailroom.outbox;

import dev.mailroom.mail.ControlCharacters;
import dev.mailroom.mail.Sender;
import dev.mailroom.people.EmailKey;
import dev.mailroom.secrets.BearerSecrets;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.ThrottledAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The product's own mail (issue 35): a feature of the product hands Mailroom a message for the tenant's people, and
 * it goes out through the tenant's mail service like an invitation, fairly and at the tenant's pace, one delivery
 * per recipient. A retried request with the same Idempotency-Key gets the first answer and sends nothing again.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class ProductMessages {

    public static final int MAX_RECIPIENTS = 50;
    /**
     * A body of either kind. Both together fit the API's request limit (192 KiB), and the message stays far below
     * the usual SIZE of 10 to 35 MB.
     */
    public static final int MAX_BODY_CHARS = 96 * 1024;
    /** RFC 5322 §2.1.1: a line, and so a subject folded on no boundary, of at most 998 characters. */
    static final int MAX_SUBJECT = 998;

    /** One recipient's copy and how it is going. */
    public record Delivery(
            UUID id,
            String to,
            DeliveryState state,
            int attempts,
            @Nullable String lastError) {}

    /** @param repeated the answer to an earlier request with the same Idempotency-Key */
    public record Queued(UUID id, boolean repeated, List<Delivery> deliveries) {}

    private final MessageRequests requests;
    private final Outbox outbox;
    private final AttemptThrottle throttle;
    private final TransactionTemplate transaction;
    private final dev.mailroom.smtp.TenantMailTargets targets;
    private final boolean defaultServiceAllowed;

    ProductMessages(
            MessageRequests requests,
            Outbox outbox,
            AttemptThrottle throttle,
            TransactionTemplate transaction,
            dev.mailroom.smtp.TenantMailTargets targets,
            @org.springframework.beans.factory.annotation.Value("${mailroom.send-api.default-service:false}")
                    boolean defaultServiceAllowed) {
        this.targets = targets;
        this.defaultServiceAllowed = defaultServiceAllowed;
        this.requests = requests;
        this.outbox = outbox;
        this.throttle = throttle;
        this.transaction = transaction;
    }

    /**
     * @throws InvalidMessageException        a field Mailroom would not send as it is
     * @throws IdempotencyKeyReusedException  the key answered another request before
     * @throws dev.mailroom.throttle.TooManyAttemptsException the tenant sent too many requests for now
     * @throws SendApiUnavailableException    the tenant has no server of its own, and the operator keeps the default
     *     service from the send API
     */
    public Queued send(
            List<String> to,
            String subject,
            @Nullable String text,
            @Nullable String html,
            @Nullable String replyTo,
            @Nullable String idempotencyKey) {
        var recipients = recipients(to);
        var content = content(subject, text, html, replyTo);
        String key = key(idempotencyKey);
        byte[] hash = hash(recipients, content);
        UUID tenant = CurrentTenant.require();
        var earlier = key == null ? Optional.<Queued>empty() : repeat(tenant, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        requireOwnServerUnlessAllowed(tenant);
        throttle.acquire(ThrottledAction.MESSAGE, tenant, CurrentTenant.requireAccount(), null);
        return Objects.requireNonNull(transaction.execute(tx -> {
            UUID id = UUID.randomUUID();
            if (!requests.insert(id, tenant, key, hash)) {
                // The same key a moment ago, on another node: its answer, once it committed.
                return repeat(tenant, Objects.requireNonNull(key), hash)
                        .orElseThrow(IdempotencyKeyReusedException::new);
            }
            var deliveries = recipients.stream()
                    .map(r -> delivery(outbox.enqueueFromApi(id, r, content)))
                    .toList();
            return new Queued(id, false, deliveries);
        }));
    }

    /** The operator's relay carries the product's bulk mail only where the operator said so. */
    private void requireOwnServerUnlessAllowed(UUID tenant) {
        boolean onDefault;
        try {
            onDefault = targets.effective(tenant).operators();
        } catch (dev.mailroom.smtp.NoMailServiceException e) {
            onDefault = true;
        }
        if (onDefault && !defaultServiceAllowed) {
            throw new SendApiUnavailableException();
        }
    }

    /** A request of this tenant with its deliveries as they are now; another tenant's id is none. */
    public Optional<Queued> find(UUID id) {
        return Objects.requireNonNull(transaction.execute(tx -> requests.exists(id)
                ? Optional.of(new Queued(
                        id,
                        false,
                        requests.deliveries(id).stream()
                                .map(ProductMessages::delivery)
                                .toList()))
                : Optional.<Queued>empty()));
    }

    private Optional<Queued> repeat(UUID tenant, String key, byte[] hash) {
        return Objects.requireNonNull(transaction.execute(tx -> requests.byKey(tenant, key)
                .map(stored -> {
                    if (!java.security.MessageDigest.isEqual(stored.bodyHash(), hash)) {
                        throw new IdempotencyKeyReusedException();
                    }
                    return new Queued(
                            stored.id(),
                            true,
                            requests.deliveries(stored.id()).stream()
                                    .map(ProductMessages::delivery)
                                    .toList());
                })));
    }

    private static Delivery delivery(OutboxMessage m) {
        return new Delivery(m.id(), m.recipient(), m.state(), m.attempts(), m.lastError());
    }

    /** Plain addresses, each once (as the deployment compares them), at least one and at most fifty. */
    private static List<String> recipients(List<String> to) {
        if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new InvalidMessageException("to", "api.message.error.recipients");
        }
        var unique = new LinkedHashMap<String, String>();
        for (String raw : to) {
            unique.putIfAbsent(EmailKey.of(raw), address("to", raw));
        }
        return new ArrayList<>(unique.values());
    }

    private static String address(String field, String raw) {
        var parsed = ControlCharacters.containsAny(raw) ? null : Sender.split("", raw);
        if (parsed == null || !parsed.name().isEmpty()) {
            throw new InvalidMessageException(field, "api.message.error.address");
        }
        return parsed.address();
    }

    private static MessageContent content(
            String subject, @Nullable String text, @Nullable String html, @Nullable String replyTo) {
        String s = subject.strip();
        if (s.isEmpty() || s.length() > MAX_SUBJECT) {
            throw new InvalidMessageException("subject", "api.message.error.subject");
        }
        // A line break or another control character in a header field would make it another header.
        if (ControlCharacters.containsAny(s)) {
            throw new InvalidMessageException("subject", "api.message.error.control");
        }
        String body = text == null || text.isBlank() ? null : text;
        String alternative = html == null || html.isBlank() ? null : html;
        if (body == null && alternative == null) {
            throw new InvalidMessageException("text", "api.message.error.body");
        }
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new InvalidMessageException("text", "api.message.error.too-long");
        }
        if (alternative != null && alternative.length() > MAX_BODY_CHARS) {
            throw new InvalidMessageException("html", "api.message.error.too-long");
        }
        // HTML alone gets its text part: readers (and filters) that show no HTML see the words.
        String plain = body != null ? body : HtmlText.of(Objects.requireNonNull(alternative));
        return new MessageContent(
                s, plain, alternative, replyTo == null || replyTo.isBlank() ? null : address("replyTo", replyTo));
    }

    private static @Nullable String key(@Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        if (idempotencyKey.isEmpty()
                || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidMessageException("Idempotency-Key", "api.message.error.key");
        }
        return idempotencyKey;
    }

    private static byte[] hash(List<String> recipients, MessageContent content) {
        var canonical = String.join("\u0000", recipients) + "\u0001" + content.subject() + "\u0001" + content.text()
                + "\u0001" + Objects.toString(content.html(), "") + "\u0001" + Objects.toString(content.replyTo(), "");
        return BearerSecrets.hash(canonical);
    }
}
