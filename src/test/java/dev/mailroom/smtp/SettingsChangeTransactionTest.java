package dev.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issue 32: a Save is one write transaction, and what follows from it listens for {@link SmtpSettingsChanged}
 * inside that transaction, so the row, its audit entry and the tenant's status are written together or not at all.
 */
@MailroomTest
@Import(SettingsChangeTransactionTest.Listening.class)
class SettingsChangeTransactionTest {

    /** Another listener, as the next feature would add one; it fails for the tenant the test names. */
    static final class Spy {
        final List<String> seen = new ArrayList<>();
        volatile UUID failFor = new UUID(0, 0);

        @EventListener
        void on(SmtpSettingsChanged change) {
            seen.add(change.change() + " in a "
                    + (TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? "read-only" : "write")
                    + " transaction: " + TransactionSynchronizationManager.isActualTransactionActive());
            if (change.tenant().equals(failFor)) {
                throw new IllegalStateException("an effect failed");
            }
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Spy spy() {
            return new Spy();
        }
    }

    @Autowired
    Spy spy;

    @Autowired
    SmtpSettingsService service;

    @Autowired
    MailStatusService status;

    @Autowired
    TestTenants fixtures;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static SmtpSettingsDraft custom() {
        return SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .security(ConnectionSecurity.STARTTLS)
                .senderName("Acme Mail")
                .senderAddress("noreply@acme.example")
                .authType(AuthType.NONE)
                .build();
    }

    @Test
    void aSaveAndARemoveAreEachOneEventInTheirWriteTransaction() {
        var tenant = fixtures.newTenant("Events");
        fixtures.signInAs(fixtures.newUser(tenant, "Eva", Role.ADMIN));
        spy.seen.clear();
        var saved = service.save(custom());
        service.remove(saved.settings().version());
        assertThat(spy.seen)
                .containsExactly("SAVED in a write transaction: true", "REMOVED in a write transaction: true");
        assertThat(service.recentChanges(5)).extracting(e -> e.action()).containsExactly("smtp.remove", "smtp.save");
    }

    @Test
    void whenAnEffectFailsTheSaveLeavesNothingBehind() {
        var tenant = fixtures.newTenant("Rollback");
        fixtures.signInAs(fixtures.newUser(tenant, "Rolf", Role.ADMIN));
        spy.failFor = tenant.id();
        assertThatThrownBy(() -> service.save(custom())).hasMessage("an effect failed");
        assertThat(service.load().mode()).as("no row").isEqualTo(MailMode.DEFAULT_SERVICE);
        assertThat(service.recentChanges(5)).as("no audit entry").isEmpty();
        assertThat(status.current()).as("no status written").isEmpty();
    }
}
