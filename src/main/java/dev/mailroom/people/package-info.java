/** People: one address, one password and one language across the deployment, whatever tenants they belong to. */
@NullMarked
package dev.mailroom.people;

import org.jspecify.annotations.NullMarked;
