/** Demo tenants and accounts, so a demo instance works out of the box. */
@NullMarked
package dev.mailroom.demo;

import org.jspecify.annotations.NullMarked;
