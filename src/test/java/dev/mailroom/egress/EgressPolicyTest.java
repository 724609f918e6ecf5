package dev.mailroom.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.egress.EgressPolicy.Purpose;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The egress rules on their own, with a resolver the test controls (no DNS is ever asked). */
class EgressPolicyTest {

    static final String PUBLIC_V4 = "93.184.215.14";
    static final String PUBLIC_V6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c";

    /** Answers from a table; any name not in it is unknown, and every question is counted. */
    static final class TableResolver implements HostResolver {
        final Map<String, List<String>> answers;
        final AtomicInteger questions = new AtomicInteger();

        TableResolver(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            questions.incrementAndGet();
            var found = answers.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            var result = new InetAddress[found.size()];
            for (int i = 0; i < result.length; i++) {
                // Literals only: InetAddress.getByName never asks DNS for them.
                result[i] = InetAddress.getByAddress(
                        host, InetAddress.getByName(found.get(i)).getAddress());
            }
            return result;
        }
    }

    final TableResolver dns = new TableResolver(Map.of(
            "smtp.example.com", List.of(PUBLIC_V4, PUBLIC_V6),
            "metadata.example.com", List.of("169.254.169.254"),
            "half-private.example.com", List.of(PUBLIC_V4, "10.0.0.7"),
            "half-private-v6.example.com", List.of(PUBLIC_V6, "fd00::7"),
            "relay.internal", List.of("10.20.0.9"),
            "mapped.example.com", List.of("::ffff:127.0.0.1")));

    final EgressPolicy strict = EgressPolicy.of(EgressProperties.strict(), dns);

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(
            strings = {
                // loopback, in every spelling inet_aton accepts
                "127.0.0.1",
                "127.1",
                "127.0.1",
                "2130706433",
                "0x7f.0.0.1",
                "0x7f.1",
                "0177.0.0.1",
                "0x7f000001",
                "017700000001",
                "127.255.255.254",
                "localhost.localdomain.invalid.127.0.0.1.nip.io.not-a-literal",
                // unspecified
                "0.0.0.0",
                "0",
                "0.1.2.3",
                // private
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "192.168.255.255",
                // CGNAT
                "100.64.0.1",
                "100.127.255.254",
                // link-local and cloud metadata
                "169.254.169.254",
                "0xa9.0xfe.0xa9.0xfe",
                "2852039166",
                // multicast, reserved, broadcast, documentation, benchmarking
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "192.0.2.10",
                "198.51.100.1",
                "203.0.113.5",
                "198.18.0.1",
                "192.0.0.8",
                // IPv6 special purposes
                "::1",
                "[::1]",
                "::",
                "fc00::1",
                "fd12:3456:789a::1",
                "fe80::1",
                "[fe80::1]",
                "fec0::1",
                "ff02::1",
                "2001:db8::1",
                "100::1",
                // IPv6 forms carrying a refused IPv4 address: mapped, compatible, NAT64, 6to4, Teredo
                "::ffff:127.0.0.1",
                "[::ffff:127.0.0.1]",
                "::ffff:7f00:1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::10.1.1.1",
                "2002:7f00:1::1",
                "2002:a9fe:a9fe::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                // RFC 8215 local-use NAT64 (any embedding position) and SIIT IPv4-translated addresses
                "64:ff9b:1::a00:1",
                "64:ff9b:1:7f00:1::",
                "64:ff9b:1:a9fe:a9:fe00::",
                "::ffff:0:7f00:1",
                "::ffff:0:10.0.0.1",
                "[::ffff:0:a9fe:a9fe]",
                "::ffff:0:0.0.0.0",
                // the rest of the IPv6 registry and what lies outside global unicast
                "100:0:0:1::1",
                "3fff::1",
                "3fff:fff::25",
                "5f00::1",
                "2001:1::1",
                "2001:4:112::1",
                "2001:20::1",
                "2620:4f:8000::1",
                "4000::1",
                "::2:0:0:1",
                "::1:0:0:0:1",
                "e000::1",
                // the rest of the IPv4 registry
                "192.31.196.1",
                "192.52.193.1",
                "192.175.48.1",
                "192.0.0.170",
                "192.0.0.9",
                // names whose answers include a refused address
                "metadata.example.com",
                "half-private.example.com",
                "half-private-v6.example.com",
                "mapped.example.com",
                "relay.internal"
            })
    void specialPurposeAddressesAreRefusedInEveryForm(String host) {
        if (host.endsWith("not-a-literal")) {
            // A long name that merely contains a literal is a name: unknown here, never read as 127.0.0.1.
            assertThatThrownBy(() -> strict.check(host, 587, Purpose.SMTP)).isInstanceOf(UnknownHostException.class);
            return;
        }
        assertThatThrownBy(() -> strict.check(host, 587, Purpose.SMTP)).isInstanceOf(EgressRefusedException.class);
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(
            strings = {
                PUBLIC_V4,
                PUBLIC_V6,
                "8.8.8.8",
                "1.1.1.1",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "192.169.0.1",
                "smtp.example.com",
                "SMTP.Example.COM.",
                "2002:0808:0808::1",
                // embeddings of a public IPv4 address stay public: a translator on the route reaches the internet
                "64:ff9b::8.8.8.8",
                "::ffff:0:8.8.8.8",
                "2a00:1450:4001:81c::201a"
            })
    void publicAddressesAreAllowedOnMailPorts(String host) throws Exception {
        var destination = strict.check(host, 587, Purpose.SMTP);
        assertThat(destination.port()).isEqualTo(587);
        assertThat(destination.resolved()).contains(destination.address());
    }

    @Test
    void everyAddressOfANameIsCheckedAndTheFirstIsPinned() throws Exception {
        var destination = strict.check("smtp.example.com", 465, Purpose.SMTP);
        assertThat(destination.address().getHostAddress()).isEqualTo(PUBLIC_V4);
        assertThat(destination.resolved()).hasSize(2);
        assertThat(destination.host()).isEqualTo("smtp.example.com");
        assertThat(dns.questions).hasValue(1);
    }

    @Test
    void literalsAreNeverSentToTheResolver() throws Exception {
        HostResolver noDns = host -> {
            throw new AssertionError("asked DNS for " + host);
        };
        var policy = EgressPolicy.of(EgressProperties.strict(), noDns);
        assertThat(policy.check("0x5d.0270.0xd7.14", 25, Purpose.SMTP).address().getHostAddress())
                .isEqualTo(PUBLIC_V4);
        assertThatThrownBy(() -> policy.check("0x7f.1", 25, Purpose.SMTP)).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void aNameIsResolvedAndCheckedAgainOnEveryCall() throws Exception {
        // A name that answered a public address may answer a private one next (DNS rebinding): what the policy
        // remembers about a name must never be its addresses.
        var answers = new java.util.ArrayDeque<>(List.of(PUBLIC_V4, "10.0.0.7"));
        HostResolver rebinding = host -> new InetAddress[] {
            InetAddress.getByAddress(
                    host, InetAddress.getByName(answers.remove()).getAddress())
        };
        var policy = EgressPolicy.of(EgressProperties.strict(), rebinding);
        assertThat(policy.check("smtp.example.com", 587, Purpose.SMTP).address().getHostAddress())
                .isEqualTo(PUBLIC_V4);
        assertThatThrownBy(() -> policy.check("smtp.example.com", 587, Purpose.SMTP))
                .isInstanceOf(EgressRefusedException.class);
        assertThat(answers).isEmpty();
    }

    @Test
    void aLiteralIsReadTheSameOnEveryCall() throws Exception {
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> strict.check("0x7f.1", 587, Purpose.SMTP))
                    .isInstanceOf(EgressRefusedException.class);
            assertThat(strict.check("0x5d.0270.0xd7.14", 587, Purpose.SMTP)
                            .address()
                            .getHostAddress())
                    .isEqualTo(PUBLIC_V4);
        }
        assertThat(dns.questions).hasValue(0);
    }

    @ParameterizedTest(name = "port {0} is allowed for SMTP")
    @ValueSource(ints = {25, 465, 587, 2525})
    void mailPortsAreAllowed(int port) throws Exception {
        assertThat(strict.check(PUBLIC_V4, port, Purpose.SMTP).port()).isEqualTo(port);
    }

    @ParameterizedTest(name = "port {0} is refused for SMTP")
    @ValueSource(ints = {22, 80, 443, 3306, 5432, 6379, 8080, 10025, 1, 65535})
    void otherPortsAreRefusedOnPublicAddresses(int port) {
        assertThatThrownBy(() -> strict.check(PUBLIC_V4, port, Purpose.SMTP))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void tokenEndpointsHaveTheirOwnPorts() throws Exception {
        assertThat(strict.check("smtp.example.com", 443, Purpose.HTTPS).port()).isEqualTo(443);
        assertThatThrownBy(() -> strict.check("smtp.example.com", 587, Purpose.HTTPS))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> strict.check("169.254.169.254", 443, Purpose.HTTPS))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void theOperatorMayAddPorts() throws Exception {
        var policy = EgressPolicy.of(
                new EgressProperties(List.of(25, 587, 10025), List.of(443), List.of(), List.of(), false, List.of()),
                dns);
        assertThat(policy.check(PUBLIC_V4, 10025, Purpose.SMTP).port()).isEqualTo(10025);
        assertThatThrownBy(() -> policy.check(PUBLIC_V4, 465, Purpose.SMTP)).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void anOperatorNetworkIsAllowedOnAnyPortAndNothingNextToIt() throws Exception {
        var policy = EgressPolicy.of(
                new EgressProperties(
                        List.of(587),
                        List.of(443),
                        List.of("10.20.0.5/32", "fd00:1::/64"),
                        List.of(),
                        false,
                        List.of()),
                dns);
        assertThat(policy.check("10.20.0.5", 10025, Purpose.SMTP).address().getHostAddress())
                .isEqualTo("10.20.0.5");
        assertThat(policy.check("fd00:1::25", 25, Purpose.SMTP).port()).isEqualTo(25);
        assertThatThrownBy(() -> policy.check("10.20.0.6", 587, Purpose.SMTP))
                .isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> policy.check("fd00:2::25", 587, Purpose.SMTP))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void anOperatorHostIsAllowedWhateverItResolvesTo() throws Exception {
        var policy = EgressPolicy.of(
                new EgressProperties(
                        List.of(587), List.of(443), List.of(), List.of("Relay.Internal"), false, List.of()),
                dns);
        assertThat(policy.check("relay.internal", 2525, Purpose.SMTP).address().getHostAddress())
                .isEqualTo("10.20.0.9");
        // The trust is in the name: the same address typed as a literal is still refused.
        assertThatThrownBy(() -> policy.check("10.20.0.9", 587, Purpose.SMTP))
                .isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void theDemoSettingAllowsLoopbackOnAnyPortAndNothingElse() throws Exception {
        var demo = EgressPolicy.of(
                new EgressProperties(List.of(25, 465, 587, 2525), List.of(443), List.of(), List.of(), true, List.of()),
                dns);
        assertThat(demo.check("127.0.0.1", 3025, Purpose.SMTP).port()).isEqualTo(3025);
        assertThat(demo.check("::1", 3025, Purpose.SMTP).port()).isEqualTo(3025);
        assertThat(demo.check("mapped.example.com", 8080, Purpose.HTTPS).port()).isEqualTo(8080);
        for (String stillRefused : List.of("10.0.0.1", "169.254.169.254", "::ffff:192.168.1.1", "0.0.0.0", "::")) {
            assertThatThrownBy(() -> demo.check(stillRefused, 587, Purpose.SMTP))
                    .as(stillRefused)
                    .isInstanceOf(EgressRefusedException.class);
        }
        assertThatThrownBy(() -> demo.check(PUBLIC_V4, 8080, Purpose.SMTP)).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void anUnknownNameIsReportedAsSuch() {
        assertThatThrownBy(() -> strict.check("nowhere.example.com", 587, Purpose.SMTP))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void aMistypedOperatorNetworkStopsTheApplicationFromStarting() {
        assertThatThrownBy(() -> EgressPolicy.of(
                        new EgressProperties(
                                List.of(587), List.of(443), List.of("10.0.0/33"), List.of(), false, List.of()),
                        dns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0/33");
    }

    @Test
    void theRefusalSaysWhyForTheLog() {
        assertThatThrownBy(() -> strict.check("metadata.example.com", 587, Purpose.SMTP))
                .hasMessageContaining("169.254.169.254")
                .hasMessageContaining("link-local");
    }
}
