package dev.mailroom.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.mailroom.support.MailroomTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

@MailroomTest
class AdministrationNavigationTest extends SpringBrowserlessTest {

    private boolean navItemShown(String id) {
        return $(SideNavItem.class).withId(id).exists();
    }

    private boolean administrationShown() {
        return $(SideNav.class).withId(MainLayout.ADMINISTRATION_ID).exists();
    }

    @Test
    @WithUserDetails("ada@acme.example")
    void anAdminSeesSmtpAndUsersUnderAdministration() {
        navigate(HomeView.class);
        assertThat(administrationShown()).isTrue();
        assertThat($(SideNavItem.class).withId(MainLayout.SMTP_ID).single().getPath())
                .isEqualTo("admin/smtp");
        assertThat($(SideNavItem.class).withId(MainLayout.USERS_ID).single().getPath())
                .isEqualTo("admin/users");
        assertThat($(SideNavItem.class)
                        .withId(MainLayout.DELIVERIES_ID)
                        .single()
                        .getPath())
                .isEqualTo("admin/deliveries");
        assertThat($(SideNavItem.class).withId(MainLayout.MAILBOX_ID).single().getPath())
                .as("demo mode")
                .isEqualTo("admin/mailbox");
        assertThat(navItemShown(MainLayout.TENANTS_ID)).as("operators only").isFalse();
    }

    /** The demo's consultant is in Acme and Globex: whatever they open, they choose a tenant first. */
    @Test
    @WithUserDetails("kim@agency.example")
    void aPersonInTwoTenantsChoosesOneBeforeAnyPage() {
        for (String address : new String[] {"", "admin/smtp", "operator/tenants"}) {
            UI.getCurrent().navigate(address);
            assertThat(getCurrentView()).as(address).isInstanceOf(dev.mailroom.security.ui.TenantPickerView.class);
        }
        assertThat($(com.vaadin.flow.component.button.Button.class).all())
                .extracting(com.vaadin.flow.component.button.Button::getText)
                .contains("Acme (Admin)", "Globex (User)", "Sign out");
    }

    @Test
    @WithUserDetails("ada@acme.example")
    void anAdminWhoTypesTheOperatorConsoleAddressIsRefused() {
        UI.getCurrent().navigate("operator/tenants");
        assertThat(getCurrentView()).isInstanceOf(NotAllowedView.class);
        assertThat($(VerticalLayout.class)
                        .withId(NotAllowedView.ID)
                        .single()
                        .getElement()
                        .getTextRecursively())
                .contains("You are not allowed to open this page")
                .doesNotContain("Page not found");
    }

    @Test
    @WithUserDetails("operator@mailroom.example")
    void anOperatorSeesTheTenantsConsoleAndNoAdministration() {
        navigate(HomeView.class);
        assertThat($(SideNavItem.class).withId(MainLayout.TENANTS_ID).single().getPath())
                .isEqualTo("operator/tenants");
        assertThat(administrationShown()).isFalse();
        UI.getCurrent().navigate("admin/smtp");
        assertThat(getCurrentView()).isInstanceOf(NotAllowedView.class);
    }

    @Test
    @WithUserDetails("ada@acme.example")
    void anAdminOpensTheSmtpPage() {
        UI.getCurrent().navigate("admin/smtp");
        assertThat($(VerticalLayout.class).withId("smtp-settings-view").exists())
                .isTrue();
    }

    @Test
    @WithUserDetails("ada@acme.example")
    void anAdminSeesTheirOwnTenantsUsersOnly() {
        UI.getCurrent().navigate("admin/users");
        @SuppressWarnings("unchecked")
        Grid<dev.mailroom.users.User> grid = $(Grid.class).single();
        // Acme's three, and the demo's consultant, who is in Globex too.
        assertThat(test(grid).size()).isEqualTo(4);
        assertThat(grid.getGenericDataView().getItems().map(dev.mailroom.users.User::email))
                .allMatch(email -> email.endsWith("@acme.example") || email.equals("kim@agency.example"));
        assertThat(grid.getGenericDataView()
                        .getItems()
                        .map(dev.mailroom.users.User::tenantId)
                        .distinct())
                .hasSize(1);
    }

    @Test
    @WithUserDetails("grace@acme.example")
    void aUserSeesNoAdministration() {
        navigate(HomeView.class);
        assertThat(administrationShown()).isFalse();
        assertThat(navItemShown(MainLayout.SMTP_ID)).isFalse();
        assertThat(navItemShown(MainLayout.USERS_ID)).isFalse();
        assertThat(navItemShown(MainLayout.DELIVERIES_ID)).isFalse();
        assertThat(navItemShown(MainLayout.MAILBOX_ID)).isFalse();
    }

    @Test
    @WithUserDetails("grace@acme.example")
    void aUserWhoTypesTheAdminAddressIsRefused() {
        UI.getCurrent().navigate("admin/smtp");
        assertThat($(VerticalLayout.class).withId("smtp-settings-view").exists())
                .isFalse();
        assertThat(getCurrentView())
                .as("told it is not allowed, not that it does not exist")
                .isInstanceOf(NotAllowedView.class);
        UI.getCurrent().navigate("admin/users");
        assertThat($(Grid.class).exists()).isFalse();
        for (var page : java.util.List.of("admin/deliveries", "admin/mailbox")) {
            UI.getCurrent().navigate(page);
            assertThat(getCurrentView()).as(page).isInstanceOf(NotAllowedView.class);
        }
    }

    @Test
    @WithUserDetails("grace@acme.example")
    void anUnknownAddressShowsTheNotFoundPage() {
        UI.getCurrent().navigate("no/such/page");
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat($(VerticalLayout.class)
                        .withId(NotFoundView.ID)
                        .single()
                        .getElement()
                        .getTextRecursively())
                .contains("Page not found");
    }
}
