package dev.mailroom.ui;

import com.vaadin.flow.component.UI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Dates and times as the person reading them lives them: in their browser's time zone (Vaadin's extended
 * client details), not the server's, and in the page's language. The server's zone only stands in until the
 * browser has told its own.
 */
public final class AdminTime {

    private AdminTime() {}

    public static ZoneId zone() {
        var ui = UI.getCurrent();
        if (ui != null) {
            var details = ui.getPage().getExtendedClientDetails();
            String id = details == null ? null : details.getTimeZoneId();
            if (id != null && !id.isBlank()) {
                try {
                    return ZoneId.of(id);
                } catch (DateTimeException e) {
                    // An id this JVM does not know: the server's zone, rather than none.
                }
            }
        }
        return ZoneId.systemDefault();
    }

    /** Short date and time, e.g. "25/11/2026, 21:17". */
    public static DateTimeFormatter shortDateTime(Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone());
    }

    /** Short date and time with the zone named, where a reader may compare it with other clocks (status, audit). */
    public static String withZone(Instant instant, Locale locale) {
        var zone = zone();
        return shortDateTime(locale).format(instant) + " " + zone.getDisplayName(TextStyle.SHORT, locale);
    }
}
