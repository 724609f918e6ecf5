package dev.mailroom.console;

import dev.mailroom.smtp.MailServiceInUse;
import org.jspecify.annotations.Nullable;

/**
 * The deployment's default mail service as operators see it: what it is, where (host and port only), and
 * how the tenants that rely on it are doing.
 */
public record DefaultServiceOverview(
        MailServiceInUse kind, @Nullable String address, long tenantsUsingIt, long tenantsWithProblems) {}
