package dev.mailroom.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.config.MisconfigurationException;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.users.LoginAccounts;
import dev.mailroom.users.Role;
import dev.mailroom.users.UserProvisioning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Operators can always get back in: the one-shot recovery setting, and an address no tenant can take from them. */
@MailroomTest
class OperatorRecoveryTest {

    @Autowired
    OperatorAccounts operators;

    @Autowired
    LoginAccounts accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    TestTenants fixtures;

    @Autowired
    UserProvisioning users;

    @Autowired
    PlatformAudit audit;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @TempDir
    Path dir;

    private String address() {
        return "op." + UUID.randomUUID().toString().substring(0, 8) + "@platform.test";
    }

    private Path passwordFile(String password) throws Exception {
        var file = dir.resolve("password-" + UUID.randomUUID());
        Files.writeString(file, password + "\n");
        return file;
    }

    private java.util.Optional<dev.mailroom.users.Seat> operatorSeat(String email) {
        return accounts.find(email).stream()
                .flatMap(a -> a.seats().stream())
                .filter(dev.mailroom.users.Seat::operator)
                .findFirst();
    }

    private boolean signsIn(String email, String password) {
        return accounts.find(email)
                .filter(a -> a.passwordHash() != null && encoder.matches(password, a.passwordHash()))
                .isPresent();
    }

    @Test
    void anOperatorWhoForgotTheirPasswordGetsTheNewOneAndTheOldStopsWorking() throws Exception {
        String email = address();
        operators.addOperator(email, "Olga Operator", "forgotten-passphrase-1");
        new OperatorRecovery(
                        operators,
                        audit,
                        email,
                        passwordFile("recovered passphrase 2").toString(),
                        "Olga")
                .run(null);
        assertThat(signsIn(email, "recovered passphrase 2")).isTrue();
        assertThat(signsIn(email, "forgotten-passphrase-1")).isFalse();
        var operatorId = operatorSeat(email).orElseThrow().accountId();
        var audited = TenantContext.callAsOperator(() -> transaction.execute(
                tx -> jdbc.sql("select action || ' by ' || actor_name from platform_audit_event where subject_id = :id")
                        .param("id", operatorId)
                        .query(String.class)
                        .list()));
        assertThat(audited).containsExactly("OPERATOR_RECOVERY_PASSWORD_SET by mailroom.operator-recovery");
        assertThat(operatorSeat(email))
                .hasValueSatisfying(o -> assertThat(o.displayName())
                        .as("the rest of the account kept")
                        .isEqualTo("Olga Operator"));
    }

    @Test
    void aDeploymentWithoutAnOperatorGetsOne() throws Exception {
        String email = address();
        new OperatorRecovery(
                        operators,
                        audit,
                        email,
                        passwordFile("first operator passphrase").toString(),
                        "Pat")
                .run(null);
        assertThat(operatorSeat(email))
                .hasValueSatisfying(o -> assertThat(o.displayName()).isEqualTo("Pat"));
        assertThat(signsIn(email, "first operator passphrase")).isTrue();
    }

    @Test
    void halfASettingOrAShortPasswordStopsTheStartAndChangesNothing() throws Exception {
        String email = address();
        assertThatThrownBy(() -> new OperatorRecovery(operators, audit, email, null, "Pat").run(null))
                .isInstanceOf(MisconfigurationException.class);
        assertThatThrownBy(() -> new OperatorRecovery(
                                operators, audit, email, passwordFile("short").toString(), "Pat")
                        .run(null))
                .isInstanceOf(MisconfigurationException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new OperatorRecovery(
                                operators, audit, email, dir.resolve("missing").toString(), "Pat")
                        .run(null))
                .isInstanceOf(MisconfigurationException.class);
        assertThat(operatorSeat(email)).isEmpty();
        new OperatorRecovery(operators, audit, null, null, "Pat").run(null);
    }

    /** A tenant that makes a user with the operator's address (as POST /api/v1/users could) locks nobody out. */
    @Test
    void anOperatorsAddressSignsInAsTheOperatorWhateverATenantDidWithIt() {
        String email = address();
        var operator = operators.addOperator(email, "Olga Operator", "operator-passphrase-3");
        var tenant = fixtures.newTenant("Squatter");
        TenantContext.callAsTenant(
                tenant.id(), () -> users.addUser(email, "Not Olga", "squatter-passphrase", Role.ADMIN));
        assertThat(accounts.find(email)).hasValueSatisfying(a -> {
            assertThat(a.seats().getFirst().accountId()).isEqualTo(operator.id());
            assertThat(a.seats().getFirst().operator()).isTrue();
        });
        assertThat(signsIn(email, "operator-passphrase-3")).isTrue();
        assertThat(accounts.findOperator(operator.id()))
                .as("a platform token's caller, with the operator's own address")
                .hasValueSatisfying(a -> assertThat(a.email()).isEqualTo(email));
        assertThat(signsIn(email, "squatter-passphrase")).isFalse();
    }
}
