package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The transcript a person reads: who said what, no library debug lines, no stack traces. */
class TranscriptTest {

    @Test
    void clientAndServerLinesAreNamedAndDebugAndStackTracesLeftOut() {
        assertThat(Transcript.readable("EHLO mailroom.invalid")).hasValue("C: EHLO mailroom.invalid");
        assertThat(Transcript.readable("250-smtp.example.com")).hasValue("S: 250-smtp.example.com");
        assertThat(Transcript.readable("250 OK")).hasValue("S: 250 OK");
        assertThat(Transcript.readable("Mailroom: connecting to 192.0.2.1:587"))
                .hasValue("Mailroom: connecting to 192.0.2.1:587");
        assertThat(Transcript.readable("DEBUG SMTP: trying to connect to host \"127.0.0.1\""))
                .isEmpty();
        assertThat(Transcript.readable("DEBUG: getProvider() returning jakarta.mail.Provider[TRANSPORT,smtp]"))
                .isEmpty();
        assertThat(Transcript.readable("jakarta.mail.MessagingException: Could not connect to SMTP host"))
                .isEmpty();
        assertThat(Transcript.readable(
                        "\tat org.eclipse.angus.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:2252)"))
                .isEmpty();
        assertThat(Transcript.readable("Caused by: java.net.SocketTimeoutException: Read timed out"))
                .isEmpty();
        // How Angus prints a refused recipient after RSET.
        assertThat(Transcript.readable("  nested exception is:")).isEmpty();
        assertThat(Transcript.readable("\torg.eclipse.angus.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <x@y>"))
                .isEmpty();
        assertThat(Transcript.readable("\t... 12 more")).isEmpty();
    }

    /** Angus writes lines whole and replies as they were read; either way the lines come out the same. */
    @Test
    void linesAreTheSameWhetherWrittenByteByByteOrInPiecesOfAnySize() throws Exception {
        byte[] trace = ("EHLO mailroom.invalid\r\n250-smtp.example.com\r\n250 OK\r\n"
                        + "Subject: Zażółć gęślą jaźń\r\n\r\nDEBUG SMTP: done\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var byByte = new Transcript(java.util.List.of());
        for (byte b : trace) {
            byByte.sink().write(b);
        }
        var expected = byByte.lines().stream().map(Transcript.Line::text).toList();
        assertThat(expected)
                .containsExactly(
                        "EHLO mailroom.invalid",
                        "250-smtp.example.com",
                        "250 OK",
                        "Subject: Zażółć gęślą jaźń",
                        "DEBUG SMTP: done");
        // Every piece size, so that a cut falls between \r and \n and inside a character of two bytes.
        for (int piece = 1; piece <= trace.length; piece++) {
            var inPieces = new Transcript(java.util.List.of());
            for (int at = 0; at < trace.length; at += piece) {
                inPieces.sink().write(trace, at, Math.min(piece, trace.length - at));
            }
            assertThat(inPieces.lines())
                    .extracting(Transcript.Line::text)
                    .as("pieces of %d", piece)
                    .isEqualTo(expected);
        }
    }
}
