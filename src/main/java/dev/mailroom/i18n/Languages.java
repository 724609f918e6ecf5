package dev.mailroom.i18n;

import java.util.List;
import java.util.Locale;

/** The languages Mailroom speaks, in the order offered; the first is the fallback. */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale POLISH = Locale.of("pl");
    public static final Locale INDONESIAN = Locale.of("id");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, POLISH, INDONESIAN);

    private Languages() {}

    /** A language's own name for itself, as a speaker looks for it in a menu. */
    public static String nativeName(Locale locale) {
        return switch (locale.getLanguage()) {
            case "pl" -> "Polski";
            case "id" -> "Bahasa Indonesia";
            default -> "English";
        };
    }

    public static String requireSupported(String code) {
        return SUPPORTED.stream()
                .map(Locale::getLanguage)
                .filter(code::equals)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unsupported language: " + code));
    }

    public static Locale supportedOrDefault(String code) {
        return SUPPORTED.stream()
                .filter(l -> l.getLanguage().equals(code))
                .findFirst()
                .orElse(ENGLISH);
    }
}
