/** Each tenant's mail health (OK, warning, error), set by saves, tests and deliveries. */
@NullMarked
package dev.mailroom.status;

import org.jspecify.annotations.NullMarked;
