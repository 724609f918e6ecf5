package dev.mailroom.egress;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;

/**
 * Networks that are not the public internet: every entry of IANA's IPv4 and IPv6 special-purpose address
 * registries (RFC 6890 and its updates, as of 2026-11), plus multicast and the IPv4 reserved block. Entries
 * IANA marks "globally reachable" (the AS112 and AMT anycast blocks, the PCP and TURN anycast addresses) are
 * refused too: no mail server or token endpoint lives there. IPv6 outside global unicast ({@code 2000::/3})
 * is refused as a whole by {@link EgressPolicy}; IPv6 forms that carry an IPv4 address (mapped, compatible,
 * SIIT, NAT64, 6to4) are judged by that address there.
 */
final class SpecialPurposeNetworks {

    record Network(IPAddress block, String label) {}

    private static final List<Network> ALL = List.of(
            network("0.0.0.0/8", "unspecified / this network"),
            network("10.0.0.0/8", "private"),
            network("100.64.0.0/10", "carrier-grade NAT"),
            network("127.0.0.0/8", "loopback"),
            network("169.254.0.0/16", "link-local (cloud metadata)"),
            network("172.16.0.0/12", "private"),
            network("192.0.0.0/24", "IETF protocol assignments"),
            network("192.0.2.0/24", "documentation"),
            network("192.31.196.0/24", "AS112 DNS anycast"),
            network("192.52.193.0/24", "AMT anycast"),
            network("192.88.99.0/24", "6to4 relay anycast"),
            network("192.168.0.0/16", "private"),
            network("192.175.48.0/24", "AS112 direct delegation"),
            network("198.18.0.0/15", "benchmarking"),
            network("198.51.100.0/24", "documentation"),
            network("203.0.113.0/24", "documentation"),
            network("224.0.0.0/4", "multicast"),
            network("240.0.0.0/4", "reserved / broadcast"),
            network("::/128", "unspecified"),
            network("::1/128", "loopback"),
            // RFC 8215: the embedded IPv4 address sits where the operator's prefix length puts it; the whole
            // block is refused, since it only reaches what the local translator reaches.
            network("64:ff9b:1::/48", "local-use NAT64"),
            network("100::/64", "discard"),
            network("100:0:0:1::/64", "dummy prefix"),
            network("2001::/23", "IETF protocol assignments (Teredo, ORCHID, …)"),
            network("2001:db8::/32", "documentation"),
            network("2620:4f:8000::/48", "AS112 direct delegation"),
            network("3fff::/20", "documentation"),
            network("5f00::/16", "segment routing (SRv6) SIDs"),
            network("fc00::/7", "unique local"),
            network("fe80::/10", "link-local"),
            network("fec0::/10", "site-local (deprecated)"),
            network("ff00::/8", "multicast"));

    private SpecialPurposeNetworks() {}

    static Optional<Network> containing(IPAddress address) {
        return ALL.stream().filter(n -> n.block().contains(address)).findFirst();
    }

    static IPAddress parseNetwork(String cidr) {
        var parsed = new IPAddressString(cidr.strip()).getAddress();
        if (parsed == null) {
            throw new IllegalArgumentException("Not a network: " + cidr);
        }
        return parsed.toPrefixBlock();
    }

    private static Network network(String cidr, String label) {
        return new Network(parseNetwork(cidr), label);
    }
}
