/** The demo mailbox page of a tenant's administration. */
@NullMarked
package dev.mailroom.mailbox.ui;

import org.jspecify.annotations.NullMarked;
