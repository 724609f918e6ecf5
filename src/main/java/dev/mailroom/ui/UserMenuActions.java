package dev.mailroom.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.annotation.UIScope;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantService;
import dev.mailroom.users.UserService;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** What the user menu does; kept apart so the menu itself is only components. */
@Component
@UIScope
class UserMenuActions {

    private final TenantService tenants;
    private final UserService users;
    private final AuthenticationContext authentication;

    UserMenuActions(TenantService tenants, UserService users, AuthenticationContext authentication) {
        this.tenants = tenants;
        this.users = users;
        this.authentication = authentication;
    }

    String organisationLabel() {
        var ui = UI.getCurrent();
        return TenantContext.currentTenantId().isPresent()
                ? ui.getTranslation("menu.tenant", tenants.currentTenant().name())
                : ui.getTranslation("menu.operator");
    }

    void changeLanguage(Locale locale) {
        users.setMyLanguage(locale.getLanguage());
        LanguagePreference.choose(VaadinSession.getCurrent(), locale);
        // Every text on the page comes from the bundle at build time: a reload redraws it in the new language.
        UI.getCurrent().getPage().reload();
    }

    /** The tenant picker: its route, as the security feature owns the page. */
    void switchTenant() {
        UI.getCurrent().navigate("choose-tenant");
    }

    void logout() {
        authentication.logout();
    }
}
