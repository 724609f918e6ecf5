package dev.mailroom.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * The TCP connection under every SMTP conversation (under TLS too, so the handshake is covered): writes are cut
 * after the write timeout on the shared scheduler (Angus' {@link WriteTimeoutSocket}, whose delegation this
 * reuses), and every read asks the conversation's {@link ServerBudget} how long it may wait and how much it may
 * take. A server past its deadline or its allowance loses the connection, whatever it sends.
 */
final class GuardedSocket extends WriteTimeoutSocket {

    private final Socket inner;
    private final ServerBudget budget;
    /** The read timeout Angus asked for; what a read gets is this or less (the deadline's remainder). */
    private volatile int readTimeout;

    private int applied = -1;

    GuardedSocket(Socket inner, int writeTimeoutMillis, ScheduledExecutorService scheduler, ServerBudget budget)
            throws IOException {
        super(inner, writeTimeoutMillis, scheduler);
        this.inner = inner;
        this.budget = budget;
        this.readTimeout = inner.getSoTimeout();
    }

    /** Kept for the guarded reads, and set on the socket too: a read that did not come through them still times out. */
    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        readTimeout = timeout;
        inner.setSoTimeout(timeout);
        applied = timeout;
    }

    @Override
    public int getSoTimeout() {
        return readTimeout;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new Guarded(inner.getInputStream());
    }

    private void beforeRead() throws IOException {
        int timeout = budget.readTimeoutMillis(readTimeout);
        // A socket option, not a system call per read (NioSocketImpl keeps it); set only when it changes anyway.
        if (timeout != applied) {
            inner.setSoTimeout(timeout);
            applied = timeout;
        }
    }

    private final class Guarded extends FilterInputStream {
        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            beforeRead();
            int n;
            try {
                n = in.read(b, off, budget.readLength(len));
            } catch (SocketTimeoutException e) {
                if (budget.expired()) {
                    var slow = budget.tooSlow();
                    slow.initCause(e);
                    throw slow;
                }
                throw e;
            }
            if (n > 0) {
                try {
                    budget.received(n);
                } catch (ServerBudget.TooLongException e) {
                    // Nothing more is read from a server that said too much: the conversation is over.
                    inner.close();
                    throw e;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int chunk = (int) Math.min(Math.max(n, 0), 8192);
            return Math.max(0, read(new byte[chunk], 0, chunk));
        }
    }
}
