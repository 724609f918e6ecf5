package dev.mailroom.smtp.ui;

import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.mailroom.smtp.CaCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The certificate upload, bounded on the server: the browser's limit is only a courtesy, and a body posted by hand
 * was read whole into the heap ({@code UploadHandler.inMemory}). The request is refused past a certificate's size
 * plus the form's overhead, and the file read no further than one byte past {@link CaCertificates#MAX_BYTES}.
 */
final class BoundedPemUpload implements UploadHandler {

    /** Multipart headers and boundaries around the one file. */
    private static final long FORM_OVERHEAD = 16 * 1024;

    private final Consumer<String> uploaded;
    private final Runnable tooLarge;

    BoundedPemUpload(Consumer<String> uploaded, Runnable tooLarge) {
        this.uploaded = uploaded;
        this.tooLarge = tooLarge;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        byte[] bytes;
        try (var in = event.getInputStream()) {
            bytes = in.readNBytes(CaCertificates.MAX_BYTES + 1);
        }
        if (bytes.length > CaCertificates.MAX_BYTES) {
            event.reject("too large");
            tooLarge.run();
            return;
        }
        uploaded.accept(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public long getRequestSizeMax() {
        return CaCertificates.MAX_BYTES + FORM_OVERHEAD;
    }

    @Override
    public long getFileSizeMax() {
        return CaCertificates.MAX_BYTES;
    }

    @Override
    public long getFileCountMax() {
        return 1;
    }
}
