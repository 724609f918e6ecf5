package dev.mailroom.audit;

import java.time.Instant;
import java.util.List;

/** Who did what, when, and which fields it touched (names only: never a value, never a secret). */
public record AuditEvent(Instant occurredAt, String actorName, String action, List<String> changedFields) {}
