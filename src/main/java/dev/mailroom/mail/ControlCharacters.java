package dev.mailroom.mail;

/** CR and LF in a header value start a new header (mail header injection); no field may hold any control character. */
public final class ControlCharacters {

    private ControlCharacters() {}

    public static boolean containsAny(String s) {
        return s.codePoints()
                .anyMatch(c -> Character.isISOControl(c)
                        || c == 0x2028
                        || c == 0x2029
                        || Character.getType(c) == Character.FORMAT && c != 0x200D && c != 0x200C);
    }
}
