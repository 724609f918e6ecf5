package dev.mailroom.mail;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Step times read off Angus' timestamped trace: when the last EHLO was sent and answered, when AUTH ran. */
final class TranscriptTimes {

    record Auth(@Nullable Duration took, String mechanism) {}

    private TranscriptTimes() {}

    static @Nullable Duration lastEhlo(List<Transcript.Line> lines) {
        Long sent = null;
        Long answered = null;
        for (var line : lines) {
            if (line.text().startsWith("EHLO ")) {
                sent = line.atMillis();
                answered = null;
            } else if (sent != null && answered == null && line.text().startsWith("250 ")) {
                answered = line.atMillis();
            }
        }
        return sent == null || answered == null ? null : Duration.ofMillis(answered - sent);
    }

    static Auth auth(List<Transcript.Line> lines, long connectedAtMillis) {
        for (var line : lines) {
            if (line.text().startsWith("DEBUG SMTP: Using mechanism ")) {
                String mechanism = line.text()
                        .substring("DEBUG SMTP: Using mechanism ".length())
                        .strip();
                return new Auth(Duration.ofMillis(connectedAtMillis - line.atMillis()), mechanism);
            }
        }
        return new Auth(null, "AUTH");
    }
}
