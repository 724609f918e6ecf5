package dev.mailroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.config.MisconfigurationException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void noProxiesMeansNoAddressIsBelieved() {
        assertThat(TrustedProxies.pattern(List.of())).isEmpty();
        assertThat(TrustedProxies.pattern(List.of(" "))).isEmpty();
    }

    @Test
    void exactlyTheNamedAddressesMatchInTheFormRequestsReportThem() {
        var trusted = Pattern.compile(TrustedProxies.pattern(List.of("10.0.0.11", " 10.0.0.12", "::1")));
        assertThat(trusted.matcher("10.0.0.11").matches()).isTrue();
        assertThat(trusted.matcher("10.0.0.12").matches()).isTrue();
        assertThat(trusted.matcher("0:0:0:0:0:0:0:1").matches())
                .as("IPv6 as the servlet reports it")
                .isTrue();
        assertThat(trusted.matcher("10.0.0.111").matches()).isFalse();
        assertThat(trusted.matcher("10.0.0.1").matches()).isFalse();
        assertThat(trusted.matcher("192.168.1.1").matches())
                .as("no private range by default")
                .isFalse();
    }

    @Test
    void aNameOrARangeStopsTheStartNamingTheEntry() {
        assertThatThrownBy(() -> TrustedProxies.pattern(List.of("proxy.internal")))
                .isInstanceOf(MisconfigurationException.class)
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.pattern(List.of("10.0.0.0/8")))
                .isInstanceOf(MisconfigurationException.class)
                .hasMessageContaining("10.0.0.0/8");
    }
}
