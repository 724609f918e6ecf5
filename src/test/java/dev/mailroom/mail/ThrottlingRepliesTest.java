package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mail.ThrottlingReplies.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The providers' own words, as their documentation and real sessions give them. */
class ThrottlingRepliesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // Microsoft 365 / Exchange Online
                "QUOTA|554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception",
                "RATE|432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
                "RATE|451 4.7.500 Server busy. Please try again later from [203.0.113.7]. (S77719) [BN8NAM12FT041.eop-nam12.prod.protection.outlook.com]",
                "RATE|421 4.3.2 Service not available, closing transmission channel",
                // Gmail / Google Workspace
                "RATE|421-4.7.0 [203.0.113.7] Our system has detected an unusual rate of unsolicited mail",
                "RATE|421 4.7.0 Try again later, closing connection. (EHLO) d2-20020a05600c",
                "QUOTA|550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to",
                "QUOTA|550-5.4.5 Daily sending quota exceeded. Learn more at",
                "RATE|421 4.7.28 Gmail has detected an unusual rate of mail originating from your SPF domain",
                // Amazon SES
                "RATE|454 Throttling failure: Maximum sending rate exceeded.",
                "QUOTA|454 Throttling failure: Daily message quota exceeded.",
                // SendGrid and others
                "RATE|421 Too many connections from your IP, try again later",
                "RATE|450 4.7.1 Rate limit reached, try again later",
            })
    void aSlowDownOrQuotaReplyIsRecognised(Kind kind, String reply) {
        assertThat(ThrottlingReplies.of(reply)).hasValueSatisfying(t -> {
            assertThat(t.kind()).isEqualTo(kind);
            assertThat(t.reply()).isEqualTo(reply.strip());
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "550 5.1.1 The email account that you tried to reach does not exist.",
                "452-4.2.2 The email account that you tried to reach is over quota.",
                "552 5.2.2 Mailbox full: quota exceeded for the recipient",
                "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.",
                "452 4.5.3 Too many recipients",
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                "550 5.7.1 Relaying denied",
                "250 2.0.0 OK: queued as 4F2A1",
                "Got bad greeting from SMTP host: 127.0.0.1, port: 465, response: [EOF]",
            })
    void aReplyAboutOneMessageOrRecipientIsNoPause(String reply) {
        assertThat(ThrottlingReplies.of(reply)).isEmpty();
    }

    /** Angus' own words around the reply: the code is found inside them, not only at the start. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "MessagingException: Got bad greeting from SMTP host: 127.0.0.1, port: 25, response: 421 4.7.0 Try again later",
                "SMTPSendFailedException: 421 4.7.0 Try again later, closing connection.\n",
            })
    void aReplyInsideAnExceptionsWordsIsFound(String text) {
        assertThat(ThrottlingReplies.of(text))
                .hasValueSatisfying(t -> assertThat(t.reply()).startsWith("421 4.7.0"));
    }

    /** A server's words are kept to a reply line's length, whatever it sends (they are stored and shown). */
    @org.junit.jupiter.api.Test
    void aReplyIsKeptToOneLinesLength() {
        var endless = "421 4.7.0 " + "slow down ".repeat(10_000);
        assertThat(ThrottlingReplies.of(endless))
                .hasValueSatisfying(t -> assertThat(t.reply())
                        .hasSize(ThrottlingReplies.MAX_REPLY)
                        .startsWith("421 4.7.0 slow down"));
    }
}
