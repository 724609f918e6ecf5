/** Encryption of stored secrets (SMTP passwords, OAuth client secrets) and the keys behind it. */
@NullMarked
package dev.mailroom.secrets;

import org.jspecify.annotations.NullMarked;
