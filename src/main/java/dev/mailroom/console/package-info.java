/**
 * The platform operators' console: every tenant's mail at a glance, creating and suspending tenants. It
 * reads across tenants through a narrow read-only database context and never selects a secret.
 */
@NullMarked
package dev.mailroom.console;

import org.jspecify.annotations.NullMarked;
