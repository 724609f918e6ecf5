/**
 * The built-in demo mailbox: an SMTP server inside the application, on loopback and in demo mode only, that
 * keeps what it receives in PostgreSQL, so a demo works end to end without a mail server.
 */
@NullMarked
package dev.mailroom.mailbox;

import org.jspecify.annotations.NullMarked;
