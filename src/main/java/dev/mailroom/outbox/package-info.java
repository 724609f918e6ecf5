/**
 * Product mail, reliably: queued in the same transaction as the change that caused it, claimed by a
 * dispatcher on any node, sent per tenant over one connection, retried with backoff, and shown to admins.
 */
@NullMarked
package dev.mailroom.outbox;

import org.jspecify.annotations.NullMarked;
