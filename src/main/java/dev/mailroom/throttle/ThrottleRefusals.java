package dev.mailroom.throttle;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An attempt a limit said no to: counted (mailroom_throttle_refusals_total), logged, and answered with the wait. */
final class ThrottleRefusals {

    private static final Logger log = LoggerFactory.getLogger(AttemptThrottle.class);

    private final MeterRegistry meters;

    ThrottleRefusals(MeterRegistry meters) {
        this.meters = meters;
    }

    TooManyAttemptsException refused(
            ThrottledAction action, AttemptThrottle.Wanted bucket, ConsumptionProbe probe, String who) {
        var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        count(action, bucket.scope());
        log.warn(
                "Refused {} for {}: {} limit of {} reached, retry in {} s",
                action,
                who,
                bucket.scope(),
                bucket.limit().key(),
                wait.toSeconds());
        return new TooManyAttemptsException(action, bucket.scope(), wait);
    }

    void count(ThrottledAction action, ThrottleScope scope) {
        meters.counter(
                        "mailroom.throttle.refusals",
                        "action",
                        action.key,
                        "scope",
                        scope.name().toLowerCase(Locale.ROOT))
                .increment();
    }
}
