package dev.mailroom.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
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

    static final String BADGE_ID = "nav-smtp-badge";
    static final String ADMINISTRATION_BADGE_ID = "nav-administration-badge";
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

    private SideNav createSideNav(AuthenticationContext authentication) {
        var nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.home"), HomeView.class, VaadinIcon.HOME.create()));
        var user = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        if (authentication.hasRole(MailroomUser.ROLE_ADMIN) && user.tenantId() != null) {
            nav.addItem(createAdministration(user.tenantId()));
        }
        if (authentication.hasRole(MailroomUser.ROLE_OPERATOR)) {
            var tenants =
                    new SideNavItem(getTranslation("nav.tenants"), "operator/tenants", VaadinIcon.BUILDING.create());
            tenants.setId(TENANTS_ID);
            nav.addItem(tenants);
        }
        return nav;
    }

    private SideNavItem createAdministration(java.util.UUID tenant) {
        var administration = new SideNavItem(getTranslation("nav.administration"));
        administration.setId(ADMINISTRATION_ID);
        administration.setPrefixComponent(VaadinIcon.COG.create());
        var smtp = new SideNavItem(getTranslation("nav.smtp"), "admin/smtp", VaadinIcon.ENVELOPE.create());
        smtp.setId(SMTP_ID);
        var users = new SideNavItem(getTranslation("nav.users"), "admin/users", VaadinIcon.USERS.create());
        users.setId(USERS_ID);
        var deliveries =
                new SideNavItem(getTranslation("nav.deliveries"), "admin/deliveries", VaadinIcon.PAPERPLANE.create());
        deliveries.setId(DELIVERIES_ID);
        administration.addItem(smtp, deliveries, users);
        if (demoMailbox) {
            var mailbox = new SideNavItem(getTranslation("nav.mailbox"), "admin/mailbox", VaadinIcon.INBOX.create());
            mailbox.setId(MAILBOX_ID);
            administration.addItem(mailbox);
        }
        administration.setExpanded(true);

        // Only admins get here, and only their own tenant's status is watched.
        var smtpBadge = problemBadge(BADGE_ID);
        var administrationBadge = problemBadge(ADMINISTRATION_BADGE_ID);
        smtp.setSuffixComponent(smtpBadge);
        administration.setSuffixComponent(administrationBadge);
        java.util.function.Consumer<java.util.Optional<MailStatus>> render = status -> {
            show(smtpBadge, status);
            // The group shows it too, so a collapsed Administration section still warns.
            show(administrationBadge, status);
        };
        render.accept(statuses.current());
        LiveMailStatus.bind(this, broadcaster, tenant, render);
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
            badge.addThemeVariants(p.error() ? BadgeVariant.ERROR : BadgeVariant.WARNING);
            if (badge.getId().filter(ADMINISTRATION_BADGE_ID::equals).isPresent()) {
                // Icon only on the group, so its label keeps its room; the aria-label still says what is wrong.
                badge.addThemeVariants(BadgeVariant.ICON_ONLY);
            }
        });
    }
}
