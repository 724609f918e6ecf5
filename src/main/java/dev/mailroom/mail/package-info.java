/** Everything that talks SMTP: sessions, TLS trust, OAuth 2.0 tokens, conversations with step reports. */
@NullMarked
package dev.mailroom.mail;

import org.jspecify.annotations.NullMarked;
