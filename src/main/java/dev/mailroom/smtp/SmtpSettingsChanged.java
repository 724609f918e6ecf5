package dev.mailroom.smtp;

import dev.mailroom.oauth.TokenRequestFailedException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A Save or a Remove, published inside its one write transaction. What follows from it (the audit entry, the
 * tenant's mail status, the word to other nodes, the session cache) listens for it rather than being called by the
 * service in an order the next editor must keep.
 *
 * @param written       a row was written or deleted (a Save that changed nothing writes none)
 * @param fields        the names of the fields that changed (never their values)
 * @param caExpiresSoon the saved CA certificate expires within the warning period
 * @param tokenFailure  for OAuth 2.0: the token endpoint's refusal of the saved client, asked before the write
 */
public record SmtpSettingsChanged(
        UUID tenant,
        Change change,
        boolean written,
        List<String> fields,
        boolean caExpiresSoon,
        @Nullable TokenRequestFailedException tokenFailure) {

    public enum Change {
        SAVED,
        REMOVED
    }

    public SmtpSettingsChanged {
        fields = List.copyOf(fields);
    }

    static SmtpSettingsChanged removed(UUID tenant) {
        return new SmtpSettingsChanged(tenant, Change.REMOVED, true, List.of(), false, null);
    }
}
