/** The API tokens page. */
@NullMarked
package dev.mailroom.api.ui;

import org.jspecify.annotations.NullMarked;
