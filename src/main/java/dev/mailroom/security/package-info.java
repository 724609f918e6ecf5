/** Who is signed in: accounts from the database, roles, the login page and the web security rules. */
@NullMarked
package dev.mailroom.security;

import org.jspecify.annotations.NullMarked;
