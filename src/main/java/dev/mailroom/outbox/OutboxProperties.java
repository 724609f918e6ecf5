package dev.mailroom.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailroom.outbox.*}.
 *
 * @param enabled            whether this node sends (every node may; turn off for nodes that only serve pages)
 * @param pollInterval       how often each node looks for due mail (it also looks at once after a commit)
 * @param batchSize          messages of one tenant sent over one connection (at most)
 * @param concurrency        delivery conversations open at once on a node, for all tenants together
 * @param perTenant          conversations one tenant may have open at once on a node: its slow or hostile server
 *                           holds no more of the node than this
 * @param perDestination     conversations open at once on a node to one server (host and port): a relay shared by
 *                           many tenants (the default service, a large provider) is not flooded
 * @param lease              how long a claim lasts; a node that dies mid-batch gives its claims back after this
 * @param firstRetry         the wait after the first failed attempt, doubled after each further one
 * @param maxRetryDelay      the longest wait between attempts
 * @param maxAttempts        attempts before a message is failed for good
 * @param errorAfterFailures consecutive failed attempts of a tenant that turn its mail status to ERROR
 * @param ratePause          the first pause of a tenant's sending after a "slow down" reply (421, 4.7.x),
 *                           doubled for each further one in a row
 * @param quotaPause         the first pause after a "quota used" reply (554 5.2.0, 550 5.4.5), doubled likewise
 * @param longestPause       the longest pause
 * @param retention          how long sent and failed messages stay for the Deliveries page before they are
 *                           deleted (checked hourly by every sending node)
 */
@ConfigurationProperties("mailroom.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("32") int concurrency,
        @DefaultValue("2") int perTenant,
        @DefaultValue("16") int perDestination,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("3") int errorAfterFailures,
        @DefaultValue("1m") Duration ratePause,
        @DefaultValue("30m") Duration quotaPause,
        @DefaultValue("12h") Duration longestPause,
        @DefaultValue("90d") Duration retention) {}
