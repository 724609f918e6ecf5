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

    private final long start = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private final List<String> secrets;
    private final OutputStream sink = new LineSplitter();

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
        lines.add(new Line(elapsedMillis(), text));
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
        lines.add(new Line(elapsedMillis(), text));
    }

    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        /** Angus writes whole lines and whole reads: split them at once rather than byte by byte. */
        @Override
        public void write(byte[] bytes, int offset, int length) {
            int from = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    line.write(bytes, from, i - from);
                    if (bytes[i] == '\n') {
                        add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                    from = i + 1;
                }
            }
            line.write(bytes, from, end - from);
        }
    }
}
