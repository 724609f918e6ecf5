/** Who changed what and when in a tenant (field names, never secret values). */
@NullMarked
package dev.mailroom.audit;

import org.jspecify.annotations.NullMarked;
