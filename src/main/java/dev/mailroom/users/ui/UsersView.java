package dev.mailroom.users.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.ui.AdminTime;
import dev.mailroom.users.Invitations;
import dev.mailroom.users.LastAdminException;
import dev.mailroom.users.LinkPurpose;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import dev.mailroom.users.UserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Supplier;

/** Administration → Users: the tenant's people, invitations, roles and who may sign in. */
@Route("admin/users")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "users-view";
    static final String RESULT_ID = "users-result";

    private final UserService users;
    private final Invitations invitations;
    final Grid<User> grid = new Grid<>();
    private final Div result = new Div();

    @org.jspecify.annotations.Nullable
    InviteDialog inviteDialog;

    private final DateTimeFormatter time;
    private java.util.Map<java.util.UUID, java.time.Instant> locked = java.util.Map.of();

    UsersView(UserService users, Invitations invitations) {
        this.users = users;
        this.invitations = invitations;
        setId(ID);
        setSizeFull();
        var lastLogin = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        grid.addColumn(User::displayName).setHeader(getTranslation("users.column.name"));
        grid.addColumn(User::email).setHeader(getTranslation("users.column.email"));
        grid.addColumn(u -> getTranslation("role." + u.role().name())).setHeader(getTranslation("users.column.role"));
        grid.addColumn(u -> u.lastLoginAt() == null ? getTranslation("users.never") : lastLogin.format(u.lastLoginAt()))
                .setHeader(getTranslation("users.column.last-login"));
        grid.addColumn(this::status).setHeader(getTranslation("users.column.status"));
        grid.addComponentColumn(this::actions).setAutoWidth(true);
        result.setId(RESULT_ID);
        result.addClassName("mailroom-result");
        result.getElement().setAttribute("aria-live", "polite");

        var invite = new Button(getTranslation("users.action.invite"), VaadinIcon.PLUS.create(), e -> openInvite());
        invite.setId("users-invite");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2(getTranslation("users.title")), invite);
        header.setAlignItems(Alignment.BASELINE);
        add(header, result, grid);
        refresh();
    }

    void refresh() {
        var list = users.listUsers();
        locked = users.signInLocks(list);
        grid.setItems(list);
    }

    private String status(User u) {
        if (!u.enabled()) {
            return getTranslation("users.status.inactive");
        }
        var lockedUntil = locked.get(u.id());
        if (lockedUntil != null) {
            return getTranslation("users.status.locked", time.format(lockedUntil));
        }
        return getTranslation(u.invited() ? "users.status.invited" : "users.status.active");
    }

    private Component actions(User u) {
        var actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (u.enabled()) {
            boolean admin = u.role() == Role.ADMIN;
            actions.add(action(admin ? "users.action.make-user" : "users.action.make-admin", () -> {
                var changed = users.changeRole(u.id(), admin ? Role.USER : Role.ADMIN);
                return getTranslation(
                        "users.role-changed",
                        changed.displayName(),
                        getTranslation("role." + changed.role().name()));
            }));
            if (u.invited()) {
                actions.add(action("users.action.resend", () -> {
                    invitations.resend(u.id(), getLocale());
                    return getTranslation("users.invite.resent", u.email());
                }));
            }
            actions.add(action("users.action.deactivate", () -> {
                users.deactivate(u.id());
                return getTranslation("users.deactivated", u.displayName());
            }));
        } else {
            actions.add(action("users.action.reactivate", () -> {
                users.reactivate(u.id());
                return getTranslation("users.reactivated", u.displayName());
            }));
        }
        return actions;
    }

    private Button action(String key, Supplier<String> work) {
        var button = new Button(getTranslation(key), e -> {
            try {
                show("success", work.get());
                refresh();
            } catch (LastAdminException ex) {
                show("error", getTranslation("users.error.last-admin"));
            } catch (TooManyAttemptsException ex) {
                show(
                        "error",
                        getTranslation(
                                "users.invite.error.too-many",
                                Math.max(1, ex.retryAfter().toSeconds())));
            } catch (ThrottleUnavailableException ex) {
                show("error", getTranslation("users.invite.error.unavailable"));
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.setId("users-" + key.substring(key.lastIndexOf('.') + 1));
        return button;
    }

    private void openInvite() {
        inviteDialog = new InviteDialog(invitations, invited -> {
            show(
                    "success",
                    getTranslation(
                            "users.invite.sent",
                            invited.email(),
                            LinkPurpose.INVITATION.validity().toHours()));
            refresh();
        });
        inviteDialog.open();
    }

    private void show(String kind, String text) {
        result.removeAll();
        var p = new Paragraph(text);
        p.addClassName("mailroom-" + kind);
        result.add(p);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " | " + getTranslation("app.name");
    }
}
