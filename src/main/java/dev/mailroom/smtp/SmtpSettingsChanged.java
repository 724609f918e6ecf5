package dev.mailroom.smtp;

import java.util.UUID;

/** Published after a save or remove commits: caches of anything derived from the settings (tokens) must go. */
public record SmtpSettingsChanged(UUID tenantId) {}
