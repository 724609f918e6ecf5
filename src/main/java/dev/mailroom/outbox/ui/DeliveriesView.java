package dev.mailroom.outbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.mailroom.outbox.Deliveries;
import dev.mailroom.outbox.DeliveryPause;
import dev.mailroom.outbox.DeliveryState;
import dev.mailroom.outbox.OutboxMessage;
import dev.mailroom.ui.AdminTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

/** Administration → Deliveries: the tenant's recent product mail, how each delivery went, and Retry. */
@Route("admin/deliveries")
@RolesAllowed("ADMIN")
class DeliveriesView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "deliveries-view";
    static final int SHOWN = 100;

    private final Deliveries deliveries;
    final Grid<OutboxMessage> grid = new Grid<>();
    private final Paragraph intro = new Paragraph();
    private final Paragraph result = new Paragraph();
    /** "Paused by the server until 14:05: its words", while the tenant's server has asked for a pause. */
    final Paragraph paused = new Paragraph();

    private Optional<DeliveryPause> pause = Optional.empty();

    private final DateTimeFormatter when;

    DeliveriesView(Deliveries deliveries) {
        this.deliveries = deliveries;
        setId(ID);
        setSizeFull();
        when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        grid.setId("deliveries-grid");
        grid.addColumn(m -> when.format(m.createdAt()))
                .setHeader(getTranslation("deliveries.column.queued"))
                .setAutoWidth(true);
        grid.addColumn(m -> getTranslation("deliveries.kind." + m.kind().name()))
                .setHeader(getTranslation("deliveries.column.kind"))
                .setAutoWidth(true);
        grid.addColumn(OutboxMessage::recipient).setHeader(getTranslation("deliveries.column.to"));
        grid.addColumn(OutboxMessage::subject)
                .setHeader(getTranslation("deliveries.column.subject"))
                .setFlexGrow(2);
        grid.addComponentColumn(this::state)
                .setHeader(getTranslation("deliveries.column.state"))
                .setAutoWidth(true);
        grid.addColumn(OutboxMessage::attempts)
                .setHeader(getTranslation("deliveries.column.attempts"))
                .setAutoWidth(true);
        grid.addColumn(this::progress)
                .setHeader(getTranslation("deliveries.column.when"))
                .setAutoWidth(true);
        grid.addColumn(this::lastError)
                .setHeader(getTranslation("deliveries.column.last-error"))
                .setFlexGrow(3);
        grid.addComponentColumn(this::retryButton).setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("deliveries.empty"));
        intro.setText(getTranslation("deliveries.intro"));
        result.setId("deliveries-result");
        paused.setId("deliveries-paused");
        paused.getElement().setAttribute("role", "status");
        paused.getStyle().set("color", "var(--lumo-warning-text-color)");

        var refresh =
                new Button(getTranslation("deliveries.action.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("deliveries-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new H2(getTranslation("deliveries.title")), intro, paused, refresh, result, grid);
        refresh();
    }

    void refresh() {
        pause = deliveries.pause();
        grid.setItems(deliveries.recent(SHOWN));
        paused.setVisible(pause.isPresent());
        paused.setText(pause.map(p -> p.destination().isEmpty()
                        ? getTranslation(
                                "deliveries.paused.default-service",
                                AdminTime.withZone(p.until(), getLocale()),
                                p.reply())
                        : getTranslation(
                                "deliveries.paused",
                                p.destination()
                                        .substring(
                                                0, Math.max(0, p.destination().lastIndexOf(':'))),
                                AdminTime.withZone(p.until(), getLocale()),
                                p.reply()))
                .orElse(""));
    }

    private Component state(OutboxMessage m) {
        var badge = new Badge(getTranslation("deliveries.state." + m.state().name()));
        badge.addThemeVariants(
                switch (m.state()) {
                    case SENT -> BadgeVariant.SUCCESS;
                    case FAILED -> BadgeVariant.ERROR;
                    case RETRYING -> BadgeVariant.WARNING;
                    case QUEUED, SENDING -> BadgeVariant.CONTRAST;
                });
        return badge;
    }

    /** Sent: when. Waiting: when the next attempt is due. Failed: nothing more will happen. */
    private String progress(OutboxMessage m) {
        return switch (m.state()) {
            case SENT -> m.sentAt() == null ? "" : getTranslation("deliveries.sent-at", when.format(m.sentAt()));
            case QUEUED, RETRYING ->
                pause.map(p -> getTranslation("deliveries.after-pause", when.format(p.until())))
                        .orElseGet(() -> getTranslation("deliveries.next-attempt", when.format(m.nextAttemptAt())));
            case SENDING, FAILED -> "";
        };
    }

    private String lastError(OutboxMessage m) {
        return java.util.Objects.requireNonNullElse(m.lastErrorFor((key, detail) -> getTranslation(key, detail)), "");
    }

    private Component retryButton(OutboxMessage m) {
        if (m.state() != DeliveryState.FAILED) {
            return new Span();
        }
        var retry = new Button(getTranslation("deliveries.action.retry"), e -> {
            boolean queued = deliveries.retry(m.id());
            result.setText(
                    getTranslation(queued ? "deliveries.retry.queued" : "deliveries.retry.not-failed", m.recipient()));
            refresh();
        });
        retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
        retry.setId("deliveries-retry-" + m.id());
        return retry;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("deliveries.title") + " | " + getTranslation("app.name");
    }
}
