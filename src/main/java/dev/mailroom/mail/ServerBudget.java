package dev.mailroom.mail;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * How long a server may still take, and how much it may still send, in the part of a conversation under way:
 * the whole of a connection test, or the opening of a delivery's connection, then each message. Per-read
 * timeouts alone let a server that trickles a byte at a time hold a conversation for ever, and a server that
 * never ends its reply fill the heap (Angus keeps a reply whole): the guarded socket below TLS asks this before
 * every read. One conversation's reads come from one thread at a time.
 */
final class ServerBudget {

    /** The server used up its time. A timeout to the rest of Mailroom, so it is retried like one. */
    static final class TooSlowException extends SocketTimeoutException {
        TooSlowException(Duration allowed) {
            super("the server answered too slowly: more than " + allowed.toSeconds() + " s in all");
        }
    }

    /** The server sent more than a reply can hold. */
    static final class TooLongException extends IOException {
        TooLongException(long allowed) {
            super("the server's reply is too long: more than " + allowed + " bytes");
        }
    }

    private static final long UNLIMITED_NANOS = Long.MAX_VALUE / 4;

    private volatile Duration allowed;
    private volatile long deadline;
    private volatile long maxBytes;
    private long bytesLeft;

    private ServerBudget(Duration time, long bytes) {
        this.allowed = time;
        this.deadline = System.nanoTime() + Math.min(time.toNanos(), UNLIMITED_NANOS);
        this.maxBytes = bytes;
        this.bytesLeft = bytes;
    }

    static ServerBudget of(Duration time, long bytes) {
        return new ServerBudget(time, bytes);
    }

    /** For sessions used without a watching conversation (tests of the session itself). */
    static ServerBudget unlimited() {
        return new ServerBudget(Duration.ofNanos(UNLIMITED_NANOS), Long.MAX_VALUE);
    }

    /** A fresh allowance for the next part of the conversation (the next message of a batch). */
    synchronized void renew(Duration time, long bytes) {
        this.allowed = time;
        this.deadline = System.nanoTime() + Math.min(time.toNanos(), UNLIMITED_NANOS);
        this.maxBytes = bytes;
        this.bytesLeft = bytes;
    }

    /** What is left of the time, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * The read timeout to use for the next read: the configured one, or less when the deadline is nearer.
     *
     * @throws TooSlowException the deadline has passed
     */
    int readTimeoutMillis(int configured) throws TooSlowException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw tooSlow();
        }
        // Rounded up, so a read timed out by the deadline ends after it, never a moment before; and at least a
        // millisecond: 0 would mean "wait for ever" to the socket.
        long leftMillis = Math.max(1, (left + 999_999) / 1_000_000);
        return configured <= 0 ? (int) Math.min(Integer.MAX_VALUE, leftMillis) : (int) Math.min(configured, leftMillis);
    }

    /** The most the next read may ask for: one byte past the allowance, so that going past it is seen. */
    synchronized int readLength(int wanted) {
        return (int) Math.max(1, Math.min(wanted, bytesLeft + 1));
    }

    /**
     * Counts what a read brought.
     *
     * @throws TooLongException the server sent more than the allowance
     */
    synchronized void received(int bytes) throws TooLongException {
        bytesLeft -= bytes;
        if (bytesLeft < 0) {
            throw new TooLongException(maxBytes);
        }
    }

    boolean expired() {
        return deadline - System.nanoTime() <= 0;
    }

    TooSlowException tooSlow() {
        return new TooSlowException(allowed);
    }
}
