/** The Users page of a tenant's administration. */
@NullMarked
package dev.mailroom.users.ui;

import org.jspecify.annotations.NullMarked;
