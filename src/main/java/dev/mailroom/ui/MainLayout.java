package dev.mailroom.ui;

import dev.mailroom.security.MailroomUser;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The frame around every signed-in page: the side navigation and the user menu. */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {

    static final String ADMINISTRATION_ID = "nav-administration";
    static final String SMTP_ID = "nav-smtp";
    static final String USERS_ID = "nav-users";

    MainLayout(AuthenticationContext authentication, UserMenuActions actions) {
        setPrimarySection(Section.DRAWER);
        var user = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        var title = new H1(getTranslation("app.name"));
        title.addClassName("mailroom-title");
        addToNavbar(new DrawerToggle(), new Header(title));
        addToDrawer(new Scroller(createSideNav(authentication)), new UserMenu(user, actions));
    }

    private SideNav createSideNav(AuthenticationContext authentication) {
        var nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.home"), HomeView.class, VaadinIcon.HOME.create()));
        if (authentication.hasRole(MailroomUser.ROLE_ADMIN)) {
            nav.addItem(createAdministration());
        }
        return nav;
    }

    private SideNavItem createAdministration() {
        var administration = new SideNavItem(getTranslation("nav.administration"));
        administration.setId(ADMINISTRATION_ID);
        administration.setPrefixComponent(VaadinIcon.COG.create());
        var smtp = new SideNavItem(getTranslation("nav.smtp"), "admin/smtp", VaadinIcon.ENVELOPE.create());
        smtp.setId(SMTP_ID);
        var users = new SideNavItem(getTranslation("nav.users"), "admin/users", VaadinIcon.USERS.create());
        users.setId(USERS_ID);
        administration.addItem(smtp, users);
        administration.setExpanded(true);
        return administration;
    }
}
