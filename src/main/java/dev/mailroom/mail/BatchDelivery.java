package dev.mailroom.mail;

import dev.mailroom.oauth.TokenRequestFailedException;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjIntConsumer;
import org.springframework.stereotype.Component;

/**
 * Product mail: one tenant's batch over one connection from {@link SmtpTransport#connect}, in order, without
 * the connection test's transcript. A failure before the first message (policy, token, connect, TLS, AUTH) is
 * every message's outcome; a refused message does not stop the others.
 */
@Component
public class BatchDelivery {

    private final SmtpTransport transport;

    BatchDelivery(SmtpTransport transport) {
        this.transport = transport;
    }

    /**
     * {@code onSent} hears of each accepted message (with its index) as soon as the server said 250, before the
     * next one is sent: the caller records it then, so a crash later in the batch cannot send it again.
     */
    public List<DeliveryOutcome> deliver(
            SmtpTarget target, List<OutgoingMail> mails, ObjIntConsumer<DeliveryOutcome.Sent> onSent) {
        return deliver(target, mails, onSent, sentSoFar -> Optional.empty());
    }

    /** Asked before each message whether it may go now. */
    @FunctionalInterface
    public interface Gate {
        /**
         * @param sentSoFar messages of this batch sent already
         * @return empty to send it now; else the rest of the batch is deferred, due again after the duration (the
         *     caller's claim would run out first, or its sending rate says later)
         */
        Optional<Duration> deferFor(int sentSoFar);
    }

    public List<DeliveryOutcome> deliver(
            SmtpTarget target, List<OutgoingMail> mails, ObjIntConsumer<DeliveryOutcome.Sent> onSent, Gate gate) {
        var outcomes = new ArrayList<DeliveryOutcome>();
        try (var connection = transport.connect(target)) {
            boolean lost = false;
            for (var mail : mails) {
                var deferral = lost ? Optional.<Duration>empty() : gate.deferFor(outcomes.size());
                if (deferral.isPresent()) {
                    fill(outcomes, mails.size(), new DeliveryOutcome.Deferred(deferral.get()));
                    break;
                }
                if (lost) {
                    outcomes.add(new DeliveryOutcome.Failed(false, "mail.explain.no-connection", "connection lost"));
                    continue;
                }
                try {
                    var sent = new DeliveryOutcome.Sent(connection.send(mail));
                    outcomes.add(sent);
                    onSent.accept(sent, outcomes.size() - 1);
                } catch (MessagingException e) {
                    var throttled = ThrottlingReplies.of(FailureExplanations.messages(e));
                    if (throttled.isPresent()) {
                        outcomes.add(new DeliveryOutcome.Throttled(throttled.get()));
                        fill(outcomes, mails.size(), DeliveryOutcome.Deferred.NOW);
                        break;
                    }
                    outcomes.add(failed(FailureExplanations.failure(e, target.security(), target.port())));
                    // Asked only after a failure: Angus answers isConnected() with a NOOP round trip.
                    lost = !connection.isConnected();
                }
            }
        } catch (SmtpFailure f) {
            // A server that turns the connection away for the sender's pace (421 at the greeting, 454 at AUTH).
            var throttled = ThrottlingReplies.of(f.detail());
            if (throttled.isPresent() && outcomes.isEmpty()) {
                outcomes.add(new DeliveryOutcome.Throttled(throttled.get()));
                fill(outcomes, mails.size(), DeliveryOutcome.Deferred.NOW);
                return outcomes;
            }
            fill(outcomes, mails.size(), failed(f));
        } catch (RuntimeException e) {
            fill(outcomes, mails.size(), failed(FailureExplanations.failure(e, target.security(), target.port())));
        }
        return outcomes;
    }

    private static DeliveryOutcome.Failed failed(SmtpFailure f) {
        if (f.step() == StepKind.TOKEN) {
            // The admin's status names the token request, with the provider's error code as the detail; a failure
            // of Mailroom's own (no answer, egress policy) is said by its explanation in the reader's language.
            var code = TokenRequestFailedException.providerCode(f.errorCode());
            return code.isPresent()
                    ? new DeliveryOutcome.Failed(f.permanent(), "status.reason.oauth-token", code.get())
                    : new DeliveryOutcome.Failed(f.permanent(), f.explanationKey(), "");
        }
        return new DeliveryOutcome.Failed(f.permanent(), f.explanationKey(), f.detail());
    }

    private static void fill(List<DeliveryOutcome> outcomes, int size, DeliveryOutcome outcome) {
        while (outcomes.size() < size) {
            outcomes.add(outcome);
        }
    }
}
