/**
 * Scripts' access: API tokens a tenant admin makes for their tenant, and the REST endpoints that serve the same
 * services as the pages, with the same rules.
 */
@NullMarked
package dev.mailroom.api;

import org.jspecify.annotations.NullMarked;
