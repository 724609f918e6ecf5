/** Where the data lives: the embedded PostgreSQL default and the per-transaction tenant setting for row-level security. */
@NullMarked
package dev.mailroom.database;

import org.jspecify.annotations.NullMarked;
