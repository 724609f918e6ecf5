/**
 * How often admins may save and test SMTP settings (so the feature cannot be used to scan ports), shared
 * by every node through PostgreSQL, and one connection test at a time per tenant.
 */
@NullMarked
package dev.mailroom.throttle;

import org.jspecify.annotations.NullMarked;
