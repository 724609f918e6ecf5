/** The SMTP settings page of a tenant's administration. */
@NullMarked
package dev.mailroom.smtp.ui;

import org.jspecify.annotations.NullMarked;
