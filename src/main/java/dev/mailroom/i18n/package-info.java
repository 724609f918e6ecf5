/** The three languages of the UI (English, Polish, Indonesian) and how a user's choice is kept. */
@NullMarked
package dev.mailroom.i18n;

import org.jspecify.annotations.NullMarked;
