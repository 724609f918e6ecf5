package dev.mailroom.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown to a signed-in person who opens a page their role does not give them (a user at an admin page, an admin at
 * the operator console): "not allowed" says what happened, where "page not found" would send them looking for a
 * typo. Mailroom's pages are no secret; what is behind them is. Anonymous visitors still go to the sign-in page.
 */
@PermitAll
class NotAllowedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException>, HasDynamicTitle {

    static final String ID = "not-allowed-view";

    NotAllowedView() {
        setId(ID);
        addClassName("mailroom-not-found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        add(new H2(getTranslation("notallowed.title")));
        add(new Paragraph(getTranslation("notallowed.message")));
        add(new Anchor("", getTranslation("notfound.home")));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("notallowed.title") + " | " + getTranslation("app.name");
    }
}
