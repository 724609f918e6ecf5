package dev.mailroom.outbox;

import dev.mailroom.mail.ThrottlingReplies;
import java.time.Instant;

/**
 * A tenant's sending paused because its server said "slow down" or "quota used": until when, by which server
 * ("host:port"; empty for the deployment's default service, whose name is the operator's), and the server's own
 * words.
 *
 * @param pauses how many pauses in a row (each one longer than the last); a delivered message ends the run
 */
public record DeliveryPause(String destination, ThrottlingReplies.Kind kind, String reply, int pauses, Instant until) {}
