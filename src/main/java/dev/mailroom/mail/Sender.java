package dev.mailroom.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The "From" of mail: a display name (any Unicode, encoded when mail is written) and an address.
 * Also splits the single-field forms {@code Name <addr@example.com>} and {@code addr@example.com}.
 */
public record Sender(String name, String address) {

    /** Splits what was typed or pasted into the two fields; returns null when the address part is not one address. */
    public static @Nullable Sender split(String nameField, String addressField) {
        String typed = addressField.strip();
        if (ControlCharacters.containsAny(typed) || ControlCharacters.containsAny(nameField)) {
            return null;
        }
        // Exactly "addr" or "Name <addr>": the parser tolerates text after the angle brackets ("<a@b>c@d"),
        // where mail clients disagree about which address is meant.
        long opening = typed.chars().filter(c -> c == '<').count();
        long closing = typed.chars().filter(c -> c == '>').count();
        if (opening > 1 || closing != opening || opening == 1 && !typed.endsWith(">")) {
            return null;
        }
        try {
            // Strict RFC 5322 parsing: "a@b, c@d", groups and "<a@b>c@d" tricks yield no single address.
            var parsed = InternetAddress.parse(typed, true);
            if (parsed.length != 1 || parsed[0].isGroup()) {
                return null;
            }
            var address = parsed[0];
            address.validate();
            String addr = address.getAddress();
            if (!isPlainMailbox(addr)) {
                return null;
            }
            String personal = address.getPersonal();
            String name = !nameField.isBlank() ? nameField.strip() : personal == null ? "" : personal.strip();
            return new Sender(name, normaliseDomain(addr));
        } catch (AddressException e) {
            return null;
        }
    }

    private static boolean isPlainMailbox(String addr) {
        int at = addr.lastIndexOf('@');
        if (at <= 0 || at != addr.indexOf('@') || addr.length() > 254 || at > 64) {
            return false;
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1);
        // Quoted local parts and domain literals are legal but no product needs them in a From: refuse them.
        return !local.contains("\"")
                && !local.contains(" ")
                && !domain.startsWith("[")
                && domain.contains(".")
                && HostNames.normalise(domain) != null;
    }

    private static String normaliseDomain(String addr) {
        int at = addr.lastIndexOf('@');
        return addr.substring(0, at) + "@" + addr.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
