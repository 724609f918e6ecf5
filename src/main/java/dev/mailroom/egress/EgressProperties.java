package dev.mailroom.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's egress settings ({@code mailroom.egress.*}). Public addresses are allowed on the listed
 * ports; the special-purpose networks (loopback, private, link-local, …) are refused unless listed here.
 *
 * @param smtpPorts       ports a public SMTP server may be reached on
 * @param httpsPorts      ports a public OAuth 2.0 token endpoint may be reached on
 * @param allowedNetworks networks (CIDR) the operator trusts, e.g. a private relay; any port
 * @param allowedHosts    host names the operator trusts whatever they resolve to; any port
 * @param allowLoopback   loopback on any port: for the demo mailbox, development and tests
 * @param plaintextAuthNetworks networks (CIDR) where a password or token may cross an unencrypted connection
 *                        (security "None"), e.g. a private relay on the same segment; nowhere by default
 */
@ConfigurationProperties("mailroom.egress")
public record EgressProperties(
        @DefaultValue({"25", "465", "587", "2525"}) List<Integer> smtpPorts,
        @DefaultValue("443") List<Integer> httpsPorts,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue List<String> plaintextAuthNetworks) {

    public static EgressProperties strict() {
        return new EgressProperties(List.of(25, 465, 587, 2525), List.of(443), List.of(), List.of(), false, List.of());
    }
}
