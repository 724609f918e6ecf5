package dev.mailroom.people;

import java.util.Locale;

/**
 * An address as the deployment compares it: stripped and lower-cased once, here, and stored beside the address
 * (person.email_key, app_user.email_key). SQL compares the stored keys and never folds an address itself, so a
 * sign-in, a lookup policy and a unique index cannot disagree about a letter such as 'İ'.
 */
public final class EmailKey {

    private EmailKey() {}

    public static String of(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
