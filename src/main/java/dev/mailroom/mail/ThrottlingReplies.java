package dev.mailroom.mail;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replies that mean "slow down" or "your quota is used", as the providers word them: sending to that server
 * pauses for the tenant (and resumes by itself) instead of each message being retried on its own. Everything
 * else a server says (a refused recipient, a full mailbox, greylisting of one recipient) is about one message.
 */
public final class ThrottlingReplies {

    public enum Kind {
        /** Too much too fast: 421, 4.7.x, 4.3.2, "throttling". A short pause. */
        RATE,
        /** A daily or submission quota: 554 5.2.0 SubmissionQuotaExceeded, 550 5.4.5. A long pause. */
        QUOTA
    }

    /** @param reply the server's words, one line, at most {@link #MAX_REPLY} characters */
    public record Throttling(Kind kind, String reply) {}

    /** RFC 5321's longest reply line (512 octets with its CRLF): what is kept and shown of a server's words. */
    static final int MAX_REPLY = 510;

    /** A reply line: code, then an optional enhanced status code (RFC 3463). */
    private static final Pattern REPLY =
            Pattern.compile("(?<![\\d.])([245])\\d\\d[ -](?:([245])\\.(\\d{1,3})\\.\\d{1,3}\\b)?[^\\r\\n]*");

    private static final Pattern QUOTA = Pattern.compile(
            "(?i)\\b5\\.4\\.5\\b|submissionquota|sending (quota|limit)|daily (user )?sending|daily message quota"
                    + "|message quota exceeded");
    private static final Pattern RATE_WORDS = Pattern.compile(
            "(?i)throttl|rate limit|too many (messages|connections|sessions)|thread limit|try again later");

    private ThrottlingReplies() {}

    /** What the text (an exception's messages, a reply) says about the sender's rate, if anything. */
    public static Optional<Throttling> of(String text) {
        var reply = REPLY.matcher(text);
        while (reply.find()) {
            String whole = reply.group().strip();
            String line = whole.length() > MAX_REPLY ? whole.substring(0, MAX_REPLY) : whole;
            char klass = reply.group(1).charAt(0);
            String enhancedClass = reply.group(2);
            String subject = reply.group(3);
            if (QUOTA.matcher(line).find() && klass != '2') {
                return Optional.of(new Throttling(Kind.QUOTA, line));
            }
            if (klass != '4') {
                continue;
            }
            // About one recipient (4.2.x: its mailbox, its own incoming rate) or one message (4.5.3 too many
            // recipients): not the sender's pace.
            boolean aboutOneMessage = "4".equals(enhancedClass) && ("2".equals(subject) || "5".equals(subject));
            if (aboutOneMessage) {
                continue;
            }
            boolean rate = line.startsWith("421")
                    || ("4".equals(enhancedClass) && ("7".equals(subject) || line.contains("4.3.2")))
                    || RATE_WORDS.matcher(line).find();
            if (rate) {
                return Optional.of(new Throttling(Kind.RATE, line));
            }
        }
        return Optional.empty();
    }
}
