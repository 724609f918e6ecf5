package dev.mailroom.users.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import dev.mailroom.users.User;
import dev.mailroom.users.UserService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("admin/users")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "users-view";

    UsersView(UserService users) {
        setId(ID);
        setSizeFull();
        var lastLogin = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(getLocale())
                .withZone(ZoneId.systemDefault());
        var grid = new Grid<User>();
        grid.addColumn(User::displayName).setHeader(getTranslation("users.column.name"));
        grid.addColumn(User::email).setHeader(getTranslation("users.column.email"));
        grid.addColumn(u -> getTranslation("role." + u.role().name())).setHeader(getTranslation("users.column.role"));
        grid.addColumn(u -> u.lastLoginAt() == null ? getTranslation("users.never") : lastLogin.format(u.lastLoginAt()))
                .setHeader(getTranslation("users.column.last-login"));
        grid.addColumn(u -> getTranslation(u.enabled() ? "users.status.active" : "users.status.inactive"))
                .setHeader(getTranslation("users.column.status"));
        grid.setItems(users.listUsers());
        add(new H2(getTranslation("users.title")), grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " | " + getTranslation("app.name");
    }
}
