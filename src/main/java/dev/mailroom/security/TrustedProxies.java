package dev.mailroom.security;

import dev.mailroom.config.MisconfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Forwarding headers ({@code X-Forwarded-For}, {@code -Proto}) are believed only from the proxies the operator
 * names ({@code mailroom.trusted-proxies}, IP addresses; none by default), not from any private address as
 * Tomcat's own default would: the client address is what the sign-in and reset limits count, and a client that
 * could name its own address could use up another's attempts or escape its own. Runs after Spring Boot's
 * customizer, which adds the valve ({@code server.forward-headers-strategy: native}).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private final String pattern;

    TrustedProxies(@Value("${mailroom.trusted-proxies:}") List<String> addresses) {
        this.pattern = pattern(addresses);
    }

    /** A regular expression matching exactly these addresses, as Tomcat's valve takes them; "" for none. */
    static String pattern(List<String> addresses) {
        return addresses.stream()
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .map(TrustedProxies::literal)
                .map(Pattern::quote)
                .collect(Collectors.collectingAndThen(
                        Collectors.joining("|"), joined -> joined.isEmpty() ? "" : "^(?:" + joined + ")$"));
    }

    /** The address as the servlet request reports a peer (IPv6 in full form), never a name to be looked up. */
    private static String literal(String address) {
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw notAnAddress(address);
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress(address);
        }
    }

    private static MisconfigurationException notAnAddress(String address) {
        return new MisconfigurationException(
                "mailroom.trusted-proxies: '" + address + "' is not an IP address.",
                "List the proxies' IP addresses in MAILROOM_TRUSTED_PROXIES, comma-separated (no names, no ranges).");
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        for (var valve : factory.getEngineValves()) {
            if (valve instanceof RemoteIpValve remoteIp) {
                remoteIp.setInternalProxies(pattern);
                remoteIp.setTrustedProxies("");
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
