package dev.mailroom.mail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Angus' protocol trace of one conversation, each line with the milliseconds since the start. Angus never
 * traces the AUTH exchange unless {@code mail.debug.auth} is set (it is not); as a second guard every line
 * holding one of the conversation's secrets is replaced.
 */
final class Transcript {

    // Compiled once: every line of every transcript is matched against them.
    private static final java.util.regex.Pattern STACK_LINE =
            java.util.regex.Pattern.compile("\\s+at .*|\\s*\\.\\.\\. \\d+ more");
    private static final java.util.regex.Pattern EXCEPTION_LINE =
            java.util.regex.Pattern.compile("[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error)(: .*)?");
    private static final java.util.regex.Pattern SERVER_REPLY = java.util.regex.Pattern.compile("\\d{3}([ -].*)?");

    record Line(long atMillis, String text) {}

    /**
     * What a transcript keeps of a server that talks without end: the lines a real conversation has many times
     * over, each as long as a reply line may be and then some (RFC 5321: 512 octets). The rest is dropped, not
     * buffered (the reads themselves are capped by {@link ServerBudget}).
     */
    static final int MAX_LINES = 1000;

    static final int MAX_LINE_BYTES = 2048;
    static final String CUT = "[Mailroom: the transcript was cut here: the rest is too long to keep]";

    private final long start = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private final List<String> secrets;
    private final OutputStream sink = new LineSplitter();
    private boolean cut;

    Transcript(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= 4).toList();
    }

    /** Where Angus' trace is written: bytes, split into lines here (one conversation, one thread at a time). */
    OutputStream sink() {
        return sink;
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    synchronized void note(String text) {
        keep(text);
    }

    private void keep(String text) {
        if (lines.size() < MAX_LINES) {
            lines.add(new Line(elapsedMillis(), text));
        } else if (!cut) {
            cut = true;
            lines.add(new Line(elapsedMillis(), CUT));
        }
    }

    /**
     * The dialogue as a person reads it: "C:" what Mailroom sent, "S:" the server's replies, and Mailroom's own
     * notes; the mail library's DEBUG lines and any Java stack trace are left out (the timings use them).
     */
    List<String> render() {
        return lines().stream()
                .flatMap(l -> readable(l.text()).map(t -> String.format("%6d ms  %s", l.atMillis(), t)).stream())
                .toList();
    }

    static java.util.Optional<String> readable(String text) {
        // Angus prints a refused recipient as "  nested exception is:" and a tab-indented exception line.
        String stripped = text.strip();
        if (text.startsWith("DEBUG")
                || stripped.startsWith("Caused by:")
                || stripped.startsWith("nested exception is:")
                || STACK_LINE.matcher(text).matches()
                || EXCEPTION_LINE.matcher(stripped).matches()) {
            return java.util.Optional.empty();
        }
        if (text.startsWith("Mailroom:") || text.startsWith("[")) {
            return java.util.Optional.of(text);
        }
        return java.util.Optional.of((SERVER_REPLY.matcher(text).matches() ? "S: " : "C: ") + text);
    }

    private synchronized void add(String raw) {
        String text = raw.stripTrailing();
        if (text.isEmpty()) {
            return;
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                text = "[a line with a secret was left out]";
                break;
            }
        }
        keep(text);
    }

    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean longLine;

        @Override
        public void write(int b) {
            if (b == '\n') {
                end();
            } else if (b != '\r') {
                append(new byte[] {(byte) b}, 0, 1);
            }
        }

        /** Keeps the start of a line past the cap and drops the rest, marked as cut. */
        private void append(byte[] bytes, int offset, int length) {
            int room = MAX_LINE_BYTES - line.size();
            if (length > room) {
                longLine = true;
            }
            line.write(bytes, offset, Math.max(0, Math.min(length, room)));
        }

        private void end() {
            String text = line.toString(StandardCharsets.UTF_8);
            add(longLine ? text + " [Mailroom: the rest of this line was cut]" : text);
            line.reset();
            longLine = false;
        }

        /** Angus writes whole lines and whole reads: split them at once rather than byte by byte. */
        @Override
        public void write(byte[] bytes, int offset, int length) {
            int from = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    append(bytes, from, i - from);
                    if (bytes[i] == '\n') {
                        end();
                    }
                    from = i + 1;
                }
            }
            append(bytes, from, end - from);
        }
    }
}
