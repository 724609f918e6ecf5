/** What stops a start that is configured wrongly, with a message that names the setting to change. */
@NullMarked
package dev.mailroom.config;

import org.jspecify.annotations.NullMarked;
