package dev.mailroom.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.mailroom.mailbox.Mailbox;
import dev.mailroom.security.MailroomUser;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusBroadcaster;
import dev.mailroom.status.MailStatusService;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

/** The frame around every signed-in page: the side navigation and the user menu. */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {

    static final String ADMINISTRATION_ID = "nav-administration";
    static final String SMTP_ID = "nav-smtp";
    static final String USERS_ID = "nav-users";
    static final String DELIVERIES_ID = "nav-deliveries";
    static final String MAILBOX_ID = "nav-mailbox";
    static final String TENANTS_ID = "nav-tenants";
    static final String API_TOKENS_ID = "nav-api-tokens";
    static final String PLATFORM_TOKENS_ID = "nav-platform-tokens";

    static final String BADGE_ID = "nav-smtp-badge";
    private final MailStatusService statuses;
    private final MailStatusBroadcaster broadcaster;
    private final boolean demoMailbox;

    MainLayout(
            AuthenticationContext authentication,
            UserMenuActions actions,
            MailStatusService statuses,
            MailStatusBroadcaster broadcaster,
            ObjectProvider<Mailbox> mailbox) {
        this.statuses = statuses;
        this.demoMailbox = mailbox.getIfAvailable() != null;
        this.broadcaster = broadcaster;
        setPrimarySection(Section.DRAWER);
        var user = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        var title = new H1(getTranslation("app.name"));
        title.addClassName("mailroom-title");
        var toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("nav.toggle"));
        addToNavbar(toggle, new Header(title));
        addToDrawer(new Scroller(createSideNav(authentication)), new UserMenu(user, actions));
    }

    private Div createSideNav(AuthenticationContext authentication) {
        var nav = new SideNav();
        nav.getElement().setAttribute("aria-label", getTranslation("app.name"));
        nav.addItem(new SideNavItem(getTranslation("nav.home"), HomeView.class, VaadinIcon.HOME.create()));
        var user = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        if (authentication.hasRole(MailroomUser.ROLE_OPERATOR)) {
            var tenants =
                    new SideNavItem(getTranslation("nav.tenants"), "operator/tenants", VaadinIcon.BUILDING.create());
            tenants.setId(TENANTS_ID);
            nav.addItem(tenants);
            var platformTokens =
                    new SideNavItem(getTranslation("nav.api-tokens"), "operator/api-tokens", VaadinIcon.KEY.create());
            platformTokens.setId(PLATFORM_TOKENS_ID);
            nav.addItem(platformTokens);
        }
        var navs = new Div(nav);
        if (authentication.hasRole(MailroomUser.ROLE_ADMIN) && user.tenantId() != null) {
            navs.add(createAdministration(user.tenantId()));
        }
        return navs;
    }

    /**
     * The admin's pages under a heading rather than under an expandable item: nothing to expand means nothing
     * to miss (the SMTP badge is always in view) and no toggle whose ARIA points into another component.
     */
    private SideNav createAdministration(java.util.UUID tenant) {
        var administration = new SideNav(getTranslation("nav.administration"));
        administration.setId(ADMINISTRATION_ID);
        var smtp = new SideNavItem(getTranslation("nav.smtp"), "admin/smtp", VaadinIcon.ENVELOPE.create());
        smtp.setId(SMTP_ID);
        var users = new SideNavItem(getTranslation("nav.users"), "admin/users", VaadinIcon.USERS.create());
        users.setId(USERS_ID);
        var deliveries =
                new SideNavItem(getTranslation("nav.deliveries"), "admin/deliveries", VaadinIcon.PAPERPLANE.create());
        deliveries.setId(DELIVERIES_ID);
        var apiTokens = new SideNavItem(getTranslation("nav.api-tokens"), "admin/api-tokens", VaadinIcon.KEY.create());
        apiTokens.setId(API_TOKENS_ID);
        administration.addItem(smtp, deliveries, users, apiTokens);
        if (demoMailbox) {
            var mailbox = new SideNavItem(getTranslation("nav.mailbox"), "admin/mailbox", VaadinIcon.INBOX.create());
            mailbox.setId(MAILBOX_ID);
            administration.addItem(mailbox);
        }

        // Only admins get here, and only their own tenant's status is watched.
        var smtpBadge = problemBadge(BADGE_ID);
        smtp.setSuffixComponent(smtpBadge);
        show(smtpBadge, statuses.current());
        LiveMailStatus.bind(this, broadcaster, tenant, status -> show(smtpBadge, status));
        return administration;
    }

    private Badge problemBadge(String id) {
        var badge = new Badge();
        badge.setId(id);
        badge.setIcon(VaadinIcon.WARNING.create());
        badge.setVisible(false);
        return badge;
    }

    private void show(Badge badge, java.util.Optional<MailStatus> status) {
        var problem = MailProblem.of(status);
        badge.setVisible(problem.isPresent());
        problem.ifPresent(p -> {
            badge.setText(getTranslation(p.badgeKey()));
            badge.getElement().setAttribute("aria-label", getTranslation(p.badgeLabelKey()));
            badge.removeThemeVariants(BadgeVariant.values());
            // Filled: the outlined badge on a selected item's tint falls short of 4.5:1 (axe, WCAG 1.4.3).
            badge.addThemeVariants(p.error() ? BadgeVariant.ERROR : BadgeVariant.WARNING, BadgeVariant.FILLED);
        });
    }
}
