/** A tenant's users: listing and managing them, and finding the account behind a sign-in. */
@NullMarked
package dev.mailroom.users;

import org.jspecify.annotations.NullMarked;
