package dev.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Small classes with one job: a main source file past 250 lines is a class asking to be split (decision 013, issue 32). */
class SourceSizeTest {

    @Test
    void noMainSourceFileIsOver250Lines() throws IOException {
        try (var files = Files.walk(Path.of("src/main/java"))) {
            var tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > 250)
                    .map(f -> f + " (" + lines(f) + " lines)")
                    .toList();
            assertThat(tooLong).isEmpty();
        }
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
