package dev.mailroom.mail;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why a connection could not be opened: the step it failed in, a plain-words explanation (a translation key)
 * and the technical detail. Deliveries read {@link #permanent()}; connection tests show the step.
 */
public final class SmtpFailure extends Exception {

    private final StepKind step;
    private final @Nullable Duration took;
    private final String explanationKey;
    private final String detail;
    private final List<Object> explanationArgs;
    private final boolean permanent;
    private final boolean credentialsRefused;
    private @Nullable String detailKey;

    SmtpFailure(
            StepKind step,
            @Nullable Duration took,
            String explanationKey,
            String detail,
            boolean permanent,
            boolean credentialsRefused,
            Object... explanationArgs) {
        super(step + ": " + detail, null, false, false);
        this.step = step;
        this.took = took;
        this.explanationKey = explanationKey;
        this.detail = detail;
        this.permanent = permanent;
        this.credentialsRefused = credentialsRefused;
        this.explanationArgs = List.of(explanationArgs);
    }

    /** The server's name has no address. Retried: a name can come back. */
    static SmtpFailure unknownHost(Duration took, String detail) {
        return new SmtpFailure(StepKind.RESOLVE, took, "mail.explain.unknown-host", detail, false, false);
    }

    /**
     * The egress policy refused the destination. Neither the rule nor the addresses are shown: the answer must not
     * map what lies behind a name.
     */
    static SmtpFailure refusedByPolicy() {
        return new SmtpFailure(StepKind.RESOLVE, null, "mail.explain.egress-refused", "refused by policy", true, false)
                .readableAs("mail.detail.refused-by-policy");
    }

    /** Credentials would cross an unencrypted connection outside the operator's plaintext networks (decision 011). */
    static SmtpFailure plaintextRefused(String detail) {
        return new SmtpFailure(StepKind.AUTH, null, "mail.explain.plaintext-auth", detail, true, false)
                .readableAs("mail.detail.plaintext-refused");
    }

    /** No access token: the provider's error code (or one of ours) is kept for the status and the advice. */
    static SmtpFailure tokenRefused(
            Duration took, String explanationKey, String detail, boolean permanent, String errorCode) {
        return new SmtpFailure(StepKind.TOKEN, took, explanationKey, detail, permanent, false, errorCode);
    }

    /** Credentials are configured but the server offers no AUTH: never talked to unauthenticated. */
    static SmtpFailure noAuthOffered() {
        return new SmtpFailure(
                        StepKind.AUTH, null, "mail.explain.no-auth-offered", "no AUTH in the EHLO reply", true, false)
                .readableAs("mail.detail.no-auth-offered");
    }

    /** Refused, filtered and unreachable alike, and without a time: a port scan learns nothing. */
    static SmtpFailure noConnection(String detail) {
        return new SmtpFailure(StepKind.TCP_CONNECT, null, "mail.explain.no-connection", detail, false, false)
                .readableAs("mail.detail.no-connection");
    }

    public StepKind step() {
        return step;
    }

    public String explanationKey() {
        return explanationKey;
    }

    public String detail() {
        return detail;
    }

    /** The provider's error code of a failed token request (e.g. "invalid_client"), else the detail. */
    public String errorCode() {
        return explanationArgs.isEmpty() ? detail : String.valueOf(explanationArgs.getFirst());
    }

    /** Retrying later cannot help: a 5xx reply, refused credentials, certificate trust, the egress policy. */
    public boolean permanent() {
        return permanent;
    }

    /** The server said no to the credentials themselves (so a cached token is worth replacing once). */
    boolean credentialsRefused() {
        return credentialsRefused;
    }

    /** Gives the detail words of their own, in the admin's language. */
    SmtpFailure readableAs(String key) {
        this.detailKey = key;
        return this;
    }

    ConversationStep asStep() {
        var found = detailKey == null ? StepDetail.of(detail) : StepDetail.of(detail, detailKey);
        return ConversationStep.failed(step, took, found, explanationKey, explanationArgs);
    }
}
