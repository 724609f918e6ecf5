package dev.mailroom.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Scans uploads with a ClamAV daemon when the operator configured one ({@code mailroom.clamav.host}),
 * using clamd's INSTREAM command: the bytes are streamed in length-prefixed chunks, nothing touches disk.
 * The protocol is a few lines; the Java clamd clients on Maven Central are unmaintained, so it is spoken here.
 */
@Component
@EnableConfigurationProperties(ClamAvProperties.class)
public class VirusScanner {

    private static final Logger log = LoggerFactory.getLogger(VirusScanner.class);
    private static final int CHUNK = 8192;
    private final String host;
    private final int port;
    private final int timeoutMillis;

    VirusScanner(ClamAvProperties properties) {
        this.host = properties.host();
        this.port = properties.port();
        this.timeoutMillis = Math.toIntExact(properties.timeout().toMillis());
    }

    public boolean isConfigured() {
        return !host.isBlank();
    }

    public ScanResult scan(byte[] content) {
        if (!isConfigured()) {
            return new ScanResult.NotScanned();
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            var out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < content.length; offset += CHUNK) {
                int length = Math.min(CHUNK, content.length - offset);
                out.writeInt(length);
                out.write(content, offset, length);
            }
            out.writeInt(0);
            out.flush();
            var reply = new ByteArrayOutputStream();
            int b;
            while ((b = socket.getInputStream().read()) > 0) {
                reply.write(b);
            }
            return interpret(reply.toString(StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            log.warn("Virus scanner at {}:{} did not answer: {}", host, port, e.toString());
            return new ScanResult.Failed(e.getClass().getSimpleName());
        }
    }

    static ScanResult interpret(String reply) {
        // "stream: OK", "stream: <signature> FOUND", or "INSTREAM size limit exceeded. ERROR" and the like.
        if (reply.endsWith(" OK")) {
            return new ScanResult.Clean();
        }
        if (reply.endsWith(" FOUND")) {
            String signature = reply.substring(reply.indexOf(':') + 1, reply.length() - " FOUND".length())
                    .strip();
            return new ScanResult.Infected(signature);
        }
        return new ScanResult.Failed(reply);
    }
}
