package dev.mailroom.egress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether Mailroom may connect to a host and port for a tenant, and pins the address it checked.
 * <ul>
 *   <li>An IP literal in any spelling the C library accepts (decimal, octal, hex, short forms like 127.1)
 *       is read the way {@code inet_aton} reads it and is never sent to DNS.</li>
 *   <li>A name is resolved once; <em>every</em> address must pass, so a name that answers one public and
 *       one private address is refused. The caller connects to {@link Destination#address()}.</li>
 *   <li>IPv6 forms carrying an IPv4 address (mapped, compatible, 6to4, NAT64) are judged by that address.</li>
 *   <li>Public addresses only on the purpose's ports; the operator's networks and hosts, and loopback when
 *       allowed (demo, development), on any port.</li>
 * </ul>
 */
public class EgressPolicy {

    public enum Purpose {
        SMTP,
        HTTPS
    }

    private static final IPAddressStringParameters LITERAL = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allowSingleSegment(true)
            .allow_inet_aton(true)
            .toParams();
    private static final IPAddressGenerator ADDRESSES = new IPAddressGenerator();
    private static final IPAddress GLOBAL_UNICAST_V6 = SpecialPurposeNetworks.parseNetwork("2000::/3");
    /** RFC 6052 / RFC 7915 (SIIT) IPv4-translated addresses: {@code ::ffff:0:a.b.c.d}. */
    private static final IPAddress IPV4_TRANSLATED = SpecialPurposeNetworks.parseNetwork("::ffff:0:0:0/96");

    private final EgressProperties properties;
    private final HostResolver resolver;
    private final List<IPAddress> allowedNetworks;
    private final Set<String> allowedHosts;
    private final List<IPAddress> plaintextAuthNetworks;

    private final MeterRegistry meters;
    /**
     * Whether a name is an IP literal, and which. The parser says "not an address" by throwing (a stack trace
     * filled in on every test email and outbox batch to a named server), and the answer never changes for a
     * string. Only this is kept: names are resolved and checked again on every call.
     */
    private final Cache<String, Optional<InetAddress>> literals =
            Caffeine.newBuilder().maximumSize(10_000).build();

    EgressPolicy(EgressProperties properties, HostResolver resolver, MeterRegistry meters) {
        this.meters = meters;
        this.properties = properties;
        this.resolver = resolver;
        this.allowedNetworks = properties.allowedNetworks().stream()
                .map(SpecialPurposeNetworks::parseNetwork)
                .toList();
        this.allowedHosts =
                properties.allowedHosts().stream().map(EgressPolicy::bare).collect(Collectors.toUnmodifiableSet());
        this.plaintextAuthNetworks = properties.plaintextAuthNetworks().stream()
                .map(SpecialPurposeNetworks::parseNetwork)
                .toList();
    }

    public static EgressPolicy of(EgressProperties properties, HostResolver resolver) {
        return new EgressPolicy(properties, resolver, new SimpleMeterRegistry());
    }

    /**
     * Resolves (unless the host is an IP literal) and checks; the destination names the address to use.
     *
     * @throws UnknownHostException   the name does not resolve
     * @throws EgressRefusedException the policy does not allow it (the message says why, for logs only)
     */
    public Destination check(String host, int port, Purpose purpose)
            throws UnknownHostException, EgressRefusedException {
        String name = bare(host);
        var literal = literals.get(name, EgressPolicy::literal);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(name);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        boolean trustedHost = literal.isEmpty() && allowedHosts.contains(name);
        boolean anyPort = true;
        for (InetAddress address : addresses) {
            switch (classify(address)) {
                case Verdict.Refused refused
                when !trustedHost ->
                    throw refused(purpose, name + " -> " + address.getHostAddress() + ": " + refused.why());
                case Verdict.Public p -> anyPort = false;
                default -> {
                    // trusted by the operator or loopback in demo mode: any port
                }
            }
        }
        var ports = purpose == Purpose.SMTP ? properties.smtpPorts() : properties.httpsPorts();
        if (!trustedHost && !anyPort && !ports.contains(port)) {
            throw refused(purpose, name + ":" + port + ": port not allowed for " + purpose);
        }
        return new Destination(name, addresses[0], port, List.of(addresses));
    }

    /** Whether the operator allows credentials over unencrypted connections anywhere at all. */
    public boolean allowsPlaintextAuthSomewhere() {
        return !plaintextAuthNetworks.isEmpty();
    }

    /**
     * Whether a password or token may cross an unencrypted connection to this destination: only when every
     * address the name gave lies in one of the operator's plaintext-authentication networks (a private relay).
     */
    public boolean allowsPlaintextAuth(Destination destination) {
        return destination.resolved().stream()
                .map(ADDRESSES::from)
                .allMatch(ip -> plaintextAuthNetworks.stream().anyMatch(n -> n.contains(ip)));
    }

    private EgressRefusedException refused(Purpose purpose, String why) {
        meters.counter("mailroom.egress.refusals", "purpose", purpose.name().toLowerCase(Locale.ROOT))
                .increment();
        return new EgressRefusedException(why);
    }

    sealed interface Verdict {
        record Public() implements Verdict {}

        record Trusted() implements Verdict {}

        record Refused(String why) implements Verdict {}
    }

    Verdict classify(InetAddress address) {
        IPAddress ip = ADDRESSES.from(address);
        IPAddress judged = carriedIpv4(ip).orElse(ip);
        if (allowedNetworks.stream().anyMatch(n -> n.contains(ip) || n.contains(judged))) {
            return new Verdict.Trusted();
        }
        if (properties.allowLoopback() && (ip.isLoopback() || judged.isLoopback())) {
            return new Verdict.Trusted();
        }
        var special = SpecialPurposeNetworks.containing(judged)
                .or(() -> judged == ip ? Optional.empty() : SpecialPurposeNetworks.containing(ip));
        if (special.isPresent()) {
            return new Verdict.Refused(
                    special.get().label() + " " + special.get().block());
        }
        if (judged == ip && ip.isIPv6() && !GLOBAL_UNICAST_V6.contains(ip)) {
            return new Verdict.Refused("not IPv6 global unicast " + GLOBAL_UNICAST_V6);
        }
        return new Verdict.Public();
    }

    /** The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one. */
    private static Optional<IPAddress> carriedIpv4(IPAddress ip) {
        if (!(ip instanceof IPv6Address v6)) {
            return Optional.empty();
        }
        if (v6.isIPv4Mapped()
                || v6.isIPv4Compatible()
                || v6.isWellKnownIPv4Translatable()
                || IPV4_TRANSLATED.contains(v6)) {
            return Optional.of(v6.getEmbeddedIPv4Address());
        }
        if (v6.is6To4()) {
            return Optional.of(v6.get6To4IPv4Address());
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> literal(String name) {
        var parsed = new IPAddressString(name, LITERAL);
        if (!parsed.isIPAddress()) {
            return Optional.empty();
        }
        IPAddress ip = parsed.getAddress();
        return ip == null || ip.isMultiple() ? Optional.empty() : Optional.of(ip.toInetAddress());
    }

    /** A host as the policy compares it: lower case, without brackets or a trailing dot. */
    public static String bare(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return "EgressPolicy[smtpPorts=" + properties.smtpPorts() + ", httpsPorts=" + properties.httpsPorts()
                + ", allowedNetworks=" + allowedNetworks + ", allowedHosts=" + allowedHosts
                + ", allowLoopback=" + properties.allowLoopback() + ", plaintextAuthNetworks=" + plaintextAuthNetworks
                + "]";
    }
}
