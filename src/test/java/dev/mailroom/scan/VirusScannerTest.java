package dev.mailroom.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirusScannerTest {

    @Test
    void withoutAConfiguredDaemonNothingIsScanned() {
        var scanner = new VirusScanner(new ClamAvProperties("", 3310, Duration.ofSeconds(1)));
        assertThat(scanner.isConfigured()).isFalse();
        assertThat(scanner.scan(new byte[] {1, 2, 3})).isInstanceOf(ScanResult.NotScanned.class);
    }

    @Test
    void aConfiguredDaemonThatDoesNotAnswerFailsTheScanRatherThanPassingIt() throws Exception {
        int closed = dev.mailroom.support.Ports.unusedLoopbackPort();
        var scanner = new VirusScanner(new ClamAvProperties("127.0.0.1", closed, Duration.ofSeconds(1)));
        assertThat(scanner.scan(new byte[] {1})).isInstanceOf(ScanResult.Failed.class);
    }

    @Test
    void clamdRepliesAreUnderstood() {
        assertThat(VirusScanner.interpret("stream: OK")).isInstanceOf(ScanResult.Clean.class);
        assertThat(VirusScanner.interpret("stream: Eicar-Test FOUND")).isEqualTo(new ScanResult.Infected("Eicar-Test"));
        assertThat(VirusScanner.interpret("INSTREAM size limit exceeded. ERROR"))
                .isInstanceOf(ScanResult.Failed.class);
    }
}
