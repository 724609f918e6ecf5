package dev.mailroom.egress;

import java.net.InetAddress;
import java.util.List;

/**
 * A checked place to connect to: the host name as the tenant gave it (for TLS: SNI and certificate name)
 * and the one address that was checked and must be used (pinned: no second lookup, no DNS rebinding).
 */
public record Destination(String host, InetAddress address, int port, List<InetAddress> resolved) {}
