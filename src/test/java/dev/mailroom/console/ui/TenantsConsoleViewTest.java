package dev.mailroom.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import dev.mailroom.console.TenantOverview;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The operator console page: the default service on top, the tenants, the filter, create and suspend. */
@MailroomTest
class TenantsConsoleViewTest extends SpringBrowserlessTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    MailStatusService status;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private TenantsConsoleView open() {
        fixtures.signInAs("operator@mailroom.example");
        UI.getCurrent().navigate("");
        return navigate(TenantsConsoleView.class);
    }

    private java.util.List<TenantOverview> rows(TenantsConsoleView view) {
        return view.grid.getLazyDataView().getItems().toList();
    }

    @Test
    void theConsoleShowsTheDefaultServiceAndFiltersToTenantsWithProblems() {
        var troubled = fixtures.newTenant("Troubled");
        fixtures.signInAs(fixtures.newUser(troubled, "Tia", Role.ADMIN));
        status.recordProblem(MailHealth.WARNING, StatusSource.EXPIRY, "smtp.warning.ca.expires-soon", "");

        var view = open();
        assertThat(view.defaultService.getText())
                .startsWith("Default mail service: the built-in demo mailbox (127.0.0.1:");
        assertThat(rows(view)).extracting(TenantOverview::slug).contains(troubled.slug(), "acme", "globex");

        test(view.onlyProblems).click();
        assertThat(rows(view))
                .isNotEmpty()
                .allMatch(TenantOverview::hasProblem)
                .extracting(TenantOverview::slug)
                .contains(troubled.slug())
                .doesNotContain("acme");
    }

    @Test
    void anOperatorCreatesATenantAndSuspendsIt() {
        var view = open();
        test($(Button.class).id("console-create")).click();
        roundTrip();
        var dialog = view.createDialog;
        test(dialog.name).setValue("Nordwind Trading");
        assertThat(dialog.slug.getValue()).as("follows the name").isEqualTo("nordwind-trading");
        String slug = "nordwind-" + System.nanoTime();
        test(dialog.slug).setValue(slug);
        test(dialog.adminEmail).setValue("not an address");
        test(dialog.adminName).setValue("Nils");
        test(dialog.create).click();
        assertThat(dialog.adminEmail.isInvalid()).isTrue();
        test(dialog.adminEmail).setValue("nils." + System.nanoTime() + "@nordwind.example");
        test(dialog.create).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat($(Div.class).id(TenantsConsoleView.RESULT_ID).getElement().getTextRecursively())
                .isEqualTo("Nordwind Trading was created; its first admin was invited by mail.");

        int row = rows(view).stream().map(TenantOverview::slug).toList().indexOf(slug);
        assertThat(row).isNotNegative();
        var suspend = (Button) test(view.grid).getCellComponent(row, 7);
        assertThat(suspend.getText()).isEqualTo("Suspend");
        test(suspend).click();
        assertThat(rows(view).get(row).suspended()).isTrue();
    }
}
