/** The login page. */
@NullMarked
package dev.mailroom.security.ui;

import org.jspecify.annotations.NullMarked;
