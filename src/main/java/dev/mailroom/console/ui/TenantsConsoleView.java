package dev.mailroom.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.mailroom.console.TenantOverview;
import dev.mailroom.console.TenantsConsole;
import dev.mailroom.smtp.MailServiceInUse;
import dev.mailroom.status.MailHealth;
import dev.mailroom.ui.AdminTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** Operators: every tenant's mail at a glance, the default mail service on top; create and suspend tenants. */
@Route("operator/tenants")
@RolesAllowed("OPERATOR")
class TenantsConsoleView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "console-view";
    static final String RESULT_ID = "console-result";

    private final TenantsConsole console;
    final Grid<TenantOverview> grid = new Grid<>();
    final Checkbox onlyProblems = new Checkbox();
    final Paragraph defaultService = new Paragraph();
    private final Div result = new Div();
    private final DateTimeFormatter when;

    @org.jspecify.annotations.Nullable
    CreateTenantDialog createDialog;

    TenantsConsoleView(TenantsConsole console) {
        this.console = console;
        setId(ID);
        setSizeFull();
        when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        defaultService.setId("console-default-service");
        onlyProblems.setId("console-only-problems");
        onlyProblems.setLabel(getTranslation("console.only-problems"));
        onlyProblems.addValueChangeListener(e -> refresh());
        result.setId(RESULT_ID);
        result.addClassName("mailroom-result");

        grid.setId("console-grid");
        grid.addColumn(TenantOverview::name)
                .setHeader(getTranslation("console.column.name"))
                .setFlexGrow(2);
        grid.addColumn(TenantOverview::slug).setHeader(getTranslation("console.column.slug"));
        grid.addColumn(TenantOverview::admins)
                .setHeader(getTranslation("console.column.admins"))
                .setAutoWidth(true);
        grid.addColumn(TenantOverview::lockedAccounts)
                .setHeader(getTranslation("console.column.locked"))
                .setAutoWidth(true);
        grid.addColumn(t -> getTranslation(t.customSettings() ? "console.service.custom" : "console.service.default"))
                .setHeader(getTranslation("console.column.service"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::status)
                .setHeader(getTranslation("console.column.status"))
                .setFlexGrow(3);
        grid.addColumn(t -> t.lastDelivery() == null ? getTranslation("console.never") : when.format(t.lastDelivery()))
                .setHeader(getTranslation("console.column.last-delivery"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::suspension).setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("console.empty"));

        var create = new Button(getTranslation("console.action.create"), VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("console-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2(getTranslation("console.title")), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header, defaultService, onlyProblems, result, grid);
        refresh();
    }

    void refresh() {
        var service = console.defaultService();
        String what = service.kind() == MailServiceInUse.NONE
                ? getTranslation("console.default.none")
                : getTranslation("console.default." + service.kind().name(), service.address());
        defaultService.setText(what + " "
                + getTranslation("console.default.usage", service.tenantsUsingIt(), service.tenantsWithProblems()));
        defaultService.setClassName(
                "mailroom-warning", service.kind() == MailServiceInUse.NONE || service.tenantsWithProblems() > 0);
        boolean problems = onlyProblems.getValue();
        // Pages of 50 as the grid scrolls: the console stays quick with thousands of tenants.
        grid.setItems(query -> console.tenants(problems, query.getOffset(), query.getLimit()).stream());
    }

    private Component status(TenantOverview t) {
        var level = t.level() == null ? MailHealth.UNKNOWN : t.level();
        var badge = new Badge(getTranslation("console.level." + level.name()));
        badge.addThemeVariants(
                switch (level) {
                    case OK -> BadgeVariant.SUCCESS;
                    case WARNING -> BadgeVariant.WARNING;
                    case ERROR -> BadgeVariant.ERROR;
                    case UNKNOWN -> BadgeVariant.CONTRAST;
                });
        var cell = new HorizontalLayout(badge);
        cell.setAlignItems(Alignment.CENTER);
        String reason = t.reasonFor(this::getTranslation);
        if (reason != null) {
            cell.add(new Span(reason));
        }
        return cell;
    }

    private Component suspension(TenantOverview t) {
        var button =
                new Button(getTranslation(t.suspended() ? "console.action.resume" : "console.action.suspend"), e -> {
                    if (t.suspended()) {
                        console.resume(t.id());
                    } else {
                        console.suspend(t.id());
                    }
                    message(getTranslation(t.suspended() ? "console.resumed" : "console.suspended", t.name()));
                    refresh();
                });
        button.addThemeVariants(
                ButtonVariant.LUMO_SMALL, t.suspended() ? ButtonVariant.LUMO_TERTIARY : ButtonVariant.LUMO_ERROR);
        button.setId("console-" + (t.suspended() ? "resume-" : "suspend-") + t.slug());
        return button;
    }

    private void openCreate() {
        createDialog = new CreateTenantDialog(console, tenant -> {
            message(getTranslation("console.created", tenant.name()));
            refresh();
        });
        createDialog.open();
    }

    private void message(String text) {
        result.removeAll();
        var p = new Paragraph(text);
        p.addClassName("mailroom-success");
        result.add(p);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("console.title") + " | " + getTranslation("app.name");
    }
}
