package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("admin/smtp")
@RolesAllowed("ADMIN")
class SmtpSettingsView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "smtp-settings-view";

    SmtpSettingsView() {
        setId(ID);
        add(new H2(getTranslation("smtp.title")));
        add(new Paragraph(getTranslation("smtp.default-service")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("smtp.title") + " | " + getTranslation("app.name");
    }
}
