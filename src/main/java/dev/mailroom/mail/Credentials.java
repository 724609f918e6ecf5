package dev.mailroom.mail;

import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.secrets.Secret;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a conversation authenticates: not at all, with a password (PLAIN/LOGIN), or with an OAuth 2.0 token (XOAUTH2). */
public sealed interface Credentials {

    /** The SMTP user name, or null without authentication. */
    @Nullable
    String username();

    /** What a transcript must never show. */
    List<String> secrets();

    record None() implements Credentials {
        @Override
        public @Nullable String username() {
            return null;
        }

        @Override
        public List<String> secrets() {
            return List.of();
        }
    }

    record Password(String username, Secret password) implements Credentials {
        @Override
        public List<String> secrets() {
            return List.of(password.reveal());
        }
    }

    record OAuth2(String username, ClientCredentials client) implements Credentials {
        @Override
        public List<String> secrets() {
            return List.of(client.clientSecret().reveal());
        }
    }
}
