package dev.mailroom.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name to addresses (A and AAAA). The system resolver in production; tests answer what they like. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
