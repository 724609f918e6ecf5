package dev.mailroom.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a token may do, chosen when it is made (issue 35): a send-only token for a product feature cannot read the
 * settings or the users. Each scope opens its endpoints (SecurityConfig); a request outside them answers 403.
 */
public enum TokenScope {
    SETTINGS_READ("settings:read", false),
    SETTINGS_WRITE("settings:write", false),
    TESTS_RUN("tests:run", false),
    DELIVERIES("deliveries", false),
    USERS("users", false),
    MAIL_SEND("mail:send", false),
    TENANTS("tenants", true);

    /** As stored and as the API shows it. */
    public final String key;
    /** Only platform tokens have it; only they may. */
    public final boolean platform;

    TokenScope(String key, boolean platform) {
        this.key = key;
        this.platform = platform;
    }

    /** The authority a request made with a token of this scope carries. */
    public String authority() {
        return "SCOPE_" + key;
    }

    public static Optional<TokenScope> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The scopes a tenant's token (or, {@code platform}, an operator's) may be given. */
    public static Set<TokenScope> available(boolean platform) {
        var all = EnumSet.noneOf(TokenScope.class);
        for (var scope : values()) {
            if (scope.platform == platform) {
                all.add(scope);
            }
        }
        return all;
    }

    static List<String> keys(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(s -> s.key).toList();
    }
}
