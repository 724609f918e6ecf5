package dev.mailroom.mailbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.mailroom.mailbox.DemoMailboxAccess;
import dev.mailroom.mailbox.Mailbox;
import dev.mailroom.mailbox.MailboxEntry;
import dev.mailroom.ui.AdminTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Administration → Mailbox (demo mode only): what the built-in demo mailbox received for this tenant's
 * users, and how to point custom SMTP settings at it. Outside demo mode the page does not exist.
 */
@Route("admin/mailbox")
@RolesAllowed("ADMIN")
class MailboxView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final String ID = "mailbox-view";
    static final int SHOWN = 100;

    private final @Nullable Mailbox mailbox;
    final Grid<MailboxEntry> grid = new Grid<>();

    @Nullable
    Dialog opened;

    MailboxView(ObjectProvider<Mailbox> mailboxes) {
        this.mailbox = mailboxes.getIfAvailable();
        setId(ID);
        setSizeFull();
        if (mailbox == null) {
            return;
        }
        var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(getLocale())
                .withZone(AdminTime.zone());
        grid.setId("mailbox-grid");
        grid.addColumn(e -> when.format(e.receivedAt()))
                .setHeader(getTranslation("mailbox.column.received"))
                .setAutoWidth(true);
        grid.addColumn(MailboxEntry::from).setHeader(getTranslation("mailbox.column.from"));
        grid.addColumn(MailboxEntry::to).setHeader(getTranslation("mailbox.column.to"));
        grid.addColumn(e -> Objects.requireNonNullElse(e.subject(), ""))
                .setHeader(getTranslation("mailbox.column.subject"))
                .setFlexGrow(2);
        grid.addColumn(this::signIn)
                .setHeader(getTranslation("mailbox.column.auth"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.tlsProtocol() == null ? getTranslation("mailbox.tls.none") : e.tlsProtocol())
                .setHeader(getTranslation("mailbox.column.tls"))
                .setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setEmptyStateText(getTranslation("mailbox.empty"));

        var refresh = new Button(getTranslation("mailbox.action.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setId("mailbox-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var intro = new Paragraph(getTranslation("mailbox.intro"));
        add(new H2(getTranslation("mailbox.title")), intro, connection(mailbox.access()), refresh, grid);
        refresh();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (mailbox == null) {
            event.rerouteToError(NotFoundException.class);
        }
    }

    void refresh() {
        grid.setItems(Objects.requireNonNull(mailbox).recent(SHOWN));
    }

    private String signIn(MailboxEntry e) {
        return e.authMechanism() == null
                ? getTranslation("mailbox.auth.none")
                : getTranslation("mailbox.auth.as", e.authMechanism(), Objects.requireNonNullElse(e.authUser(), ""));
    }

    /** The settings to enter on the SMTP page to send to this mailbox with custom settings. */
    private Details connection(DemoMailboxAccess access) {
        var certificate = new TextArea(getTranslation("mailbox.connection.certificate"));
        certificate.setValue(access.caPem());
        certificate.setReadOnly(true);
        certificate.setWidthFull();
        certificate.setId("mailbox-ca");
        var settings = new Paragraph(getTranslation(
                "mailbox.connection.settings",
                access.host(),
                String.valueOf(access.port()),
                getTranslation("smtp.security." + access.security().name()),
                access.username(),
                access.password()));
        settings.setId("mailbox-connection");
        byte[] pem = access.caPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var download = new Anchor(
                DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new java.io.ByteArrayInputStream(pem),
                        "mailroom-demo-ca.pem",
                        "application/x-pem-file",
                        pem.length)),
                getTranslation("mailbox.connection.download"));
        download.setId("mailbox-ca-download");
        var details = new Details(
                getTranslation("mailbox.connection.title"), new VerticalLayout(settings, download, certificate));
        details.setWidthFull();
        return details;
    }

    private void open(MailboxEntry entry) {
        var letter = Objects.requireNonNull(mailbox).open(entry.id());
        var dialog = new Dialog();
        dialog.setId("mailbox-message");
        dialog.setWidth("min(60rem, 95vw)");
        dialog.setHeaderTitle(
                letter.map(l -> Objects.requireNonNullElse(l.entry().subject(), ""))
                        .orElse(""));
        if (letter.isEmpty()) {
            // Dropped meanwhile (only the newest messages are kept).
            dialog.add(new Paragraph(getTranslation("mailbox.gone")));
        } else {
            var text = new Pre(letter.get().text());
            text.setId("mailbox-message-text");
            var headers = new Pre(letter.get().headers());
            headers.setId("mailbox-message-headers");
            text.addClassName("mailroom-message");
            headers.addClassName("mailroom-message");
            // A long mail scrolls the dialog: keyboard users reach it by Tab and scroll it with the arrow keys.
            text.getElement().setAttribute("tabindex", "0");
            headers.getElement().setAttribute("tabindex", "0");
            dialog.add(text, new H3(getTranslation("mailbox.headers")), headers);
        }
        var close = new Button(getTranslation("mailbox.action.close"), e -> dialog.close());
        dialog.getFooter().add(close);
        dialog.addDialogCloseActionListener(e -> dialog.close());
        opened = dialog;
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("mailbox.title") + " | " + getTranslation("app.name");
    }
}
