/**
 * Where Mailroom may open connections on a tenant's behalf. Every SMTP socket and every OAuth 2.0 token
 * request to a tenant-given URL goes through {@link dev.mailroom.egress.EgressPolicy} first.
 */
@NullMarked
package dev.mailroom.egress;

import org.jspecify.annotations.NullMarked;
