package dev.mailroom.demo;

import dev.mailroom.operator.OperatorAccounts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A production node whose database still holds the demo's accounts says so, loudly: their password is in
 * the README. (A database that served a demo, then a production node, is the usual way this happens.)
 */
@Component
@ConditionalOnBooleanProperty(value = "mailroom.demo.enabled", havingValue = false, matchIfMissing = true)
class DemoAccountsWarning {

    private static final Logger log = LoggerFactory.getLogger(DemoAccountsWarning.class);

    private final OperatorAccounts operators;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    DemoAccountsWarning(OperatorAccounts operators, JdbcClient jdbc, PasswordEncoder passwords) {
        this.operators = operators;
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfDemoAccountsRemain() {
        boolean demoOperator = operators
                .passwordHash(DemoData.OPERATOR)
                .filter(hash -> passwords.matches(DemoData.PASSWORD, hash))
                .isPresent();
        List<@org.jspecify.annotations.Nullable String> demoTenants = jdbc.sql(
                        "select slug from tenant where slug in (:slugs) order by slug")
                .param(
                        "slugs",
                        DemoData.TENANTS.stream().map(DemoData.DemoTenant::slug).toList())
                .query(String.class)
                .list();
        if (demoOperator || !demoTenants.isEmpty()) {
            log.warn(
                    """
                    !!! THIS PRODUCTION NODE'S DATABASE HOLDS MAILROOM'S DEMO ACCOUNTS (password '{}' is published) !!!
                    !!! demo operator {}: {}; demo tenants: {}. Delete them, or change every demo password now. !!!""",
                    DemoData.PASSWORD,
                    DemoData.OPERATOR,
                    demoOperator ? "present, with the demo password" : "absent",
                    demoTenants.isEmpty() ? "none" : String.join(", ", demoTenants));
        }
    }
}
