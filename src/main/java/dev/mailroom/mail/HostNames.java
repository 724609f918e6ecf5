package dev.mailroom.mail;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Syntax of the "server" field: a DNS host name, an IPv4 address or an IPv6 address; nothing else. */
public final class HostNames {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");

    private HostNames() {}

    /** The host in its normal form (lower case, IPv6 without brackets, no trailing dot), or null if it is not one. */
    public static @Nullable String normalise(String raw) {
        String host = raw.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253) {
            return null;
        }
        if (host.contains(":")) {
            return isIpv6(host) ? host : null;
        }
        if (IPV4.matcher(host).matches()) {
            return host;
        }
        // No top-level domain is all digits, so anything ending in one that is not dotted-quad IPv4 is an
        // IP address in another spelling (127.1, 0x7f.0.0.1, 017.0.0.1): refused, never resolved.
        if (DIGITS.matcher(host.substring(host.lastIndexOf('.') + 1)).matches()) {
            return null;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return host;
    }

    private static boolean isIpv6(String host) {
        if (!IPV6_CHARS.matcher(host).matches() || host.length() > 45) {
            return false;
        }
        try {
            // With a ':' the JDK parses a literal and never asks DNS.
            return java.net.InetAddress.getByName(host) instanceof java.net.Inet6Address || host.startsWith("::ffff:");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
