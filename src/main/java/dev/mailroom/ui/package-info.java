/** The frame shared by all pages: main layout, side navigation, user menu, home, not-found and error handling. */
@NullMarked
package dev.mailroom.ui;

import org.jspecify.annotations.NullMarked;
