/** The Deliveries page of a tenant's administration: its product mail and how delivery went. */
@NullMarked
package dev.mailroom.outbox.ui;

import org.jspecify.annotations.NullMarked;
