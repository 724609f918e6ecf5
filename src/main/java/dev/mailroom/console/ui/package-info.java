/** The operator console's pages. */
@NullMarked
package dev.mailroom.console.ui;

import org.jspecify.annotations.NullMarked;
