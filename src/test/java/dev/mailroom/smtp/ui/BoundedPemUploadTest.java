package dev.mailroom.smtp.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.streams.UploadEvent;
import dev.mailroom.smtp.CaCertificates;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A certificate upload posted by hand, past the browser's limit: the server reads no further than the limit, so a
 * 300 MB body costs the heap 64 KiB, and the request itself is refused past a certificate's size by the upload
 * parser (Vaadin streams multipart through commons-fileupload with these maxima).
 */
class BoundedPemUploadTest {

    /** 300 MB of "A", made as it is read: nothing of it is held here. */
    static final class Endless extends InputStream {
        final AtomicLong served = new AtomicLong();
        final long size = 300L * 1024 * 1024;

        @Override
        public int read() {
            return served.getAndIncrement() < size ? 'A' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size - served.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'A');
            served.addAndGet(n);
            return n;
        }
    }

    private static UploadEvent event(InputStream body) {
        var part = new FakePart(body);
        return new UploadEvent(null, null, null, "ca.pem", -1, "application/x-pem-file", null, part);
    }

    @Test
    void aBodyPastTheLimitIsReadNoFurtherAndRefused() throws Exception {
        var body = new Endless();
        var uploaded = new ArrayList<String>();
        var refused = new AtomicBoolean();
        var handler = new BoundedPemUpload(uploaded::add, () -> refused.set(true));
        var event = event(body);
        handler.handleUploadRequest(event);
        assertThat(refused).isTrue();
        assertThat(event.isRejected()).isTrue();
        assertThat(uploaded).isEmpty();
        assertThat(body.served.get()).as("bytes read of 300 MB").isEqualTo(CaCertificates.MAX_BYTES + 1L);
        assertThat(handler.getRequestSizeMax()).isLessThan(CaCertificates.MAX_BYTES + 64 * 1024L);
        assertThat(handler.getFileSizeMax()).isEqualTo(CaCertificates.MAX_BYTES);
        assertThat(handler.getFileCountMax()).isEqualTo(1);
    }

    @Test
    void aCertificateWithinTheLimitIsHandedOnAsText() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        List<String> uploaded = new ArrayList<>();
        var handler = new BoundedPemUpload(uploaded::add, () -> {});
        handler.handleUploadRequest(event(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))));
        assertThat(uploaded).containsExactly(pem);
    }

    /** The one part of a multipart upload. */
    private record FakePart(InputStream body) implements jakarta.servlet.http.Part {
        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public String getContentType() {
            return "application/x-pem-file";
        }

        @Override
        public String getName() {
            return "file";
        }

        @Override
        public String getSubmittedFileName() {
            return "ca.pem";
        }

        @Override
        public long getSize() {
            return -1;
        }

        @Override
        public void write(String fileName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {}

        @Override
        public String getHeader(String name) {
            return null;
        }

        @Override
        public java.util.Collection<String> getHeaders(String name) {
            return List.of();
        }

        @Override
        public java.util.Collection<String> getHeaderNames() {
            return List.of();
        }
    }
}
