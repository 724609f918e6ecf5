package dev.mailroom.egress;

/**
 * The policy refuses this destination. The message says why, for the log; users only ever see that the
 * address is not allowed, never which rule or which resolved address, so the answer maps nothing internal.
 */
public class EgressRefusedException extends Exception {

    public EgressRefusedException(String reason) {
        super(reason);
    }
}
