/** Tenants, and which tenant the current work runs for (always from the signed-in user). */
@NullMarked
package dev.mailroom.tenant;

import org.jspecify.annotations.NullMarked;
