package dev.mailroom.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the sender appears in a message: the From address with its display name, and the Message-ID's domain. */
public final class SenderHeaders {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9.-]+");

    /** An encoded word is at most 75 characters: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=". */
    private static final int BYTES_PER_WORD = 45;

    private SenderHeaders() {}

    /**
     * The From address. A display name with letters outside ASCII is RFC 2047-encoded as usual. One that merely
     * looks like an encoded word ("=?UTF-8?B?SGk=?=") is encoded too, so that mail programs show it as typed
     * instead of decoding it into something else (a name the admin never wrote).
     */
    public static InternetAddress from(String address, String displayName) throws AddressException {
        try {
            if (displayName.isBlank()) {
                return new InternetAddress(address, null, StandardCharsets.UTF_8.name());
            }
            if (!displayName.contains("=?")) {
                return new InternetAddress(address, displayName, StandardCharsets.UTF_8.name());
            }
            // Already ASCII encoded words: set as the encoded form, which InternetAddress then keeps as it is.
            return new InternetAddress(address, encodedWords(displayName), StandardCharsets.US_ASCII.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole text as base64 encoded words, split between characters, never inside one. */
    static String encodedWords(String text) {
        var words = new ArrayList<String>();
        var chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > BYTES_PER_WORD) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        if (!chunk.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return String.join(" ", words);
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /**
     * The domain for Message-IDs: the sender's, as receivers expect (some spam filters mark ids of another
     * domain), or {@code fallback} when the sender has none usable.
     */
    public static String messageIdDomain(String senderAddress, String fallback) {
        int at = senderAddress.lastIndexOf('@');
        String domain = at < 0 ? "" : senderAddress.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        return DOMAIN.matcher(domain).matches() && domain.contains(".") ? domain : fallback;
    }
}
