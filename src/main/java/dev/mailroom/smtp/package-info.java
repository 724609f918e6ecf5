/** A tenant's SMTP settings: the custom mail server its admins configure instead of the default mail service. */
@NullMarked
package dev.mailroom.smtp;

import org.jspecify.annotations.NullMarked;
