package dev.mailroom.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.mailroom.security.MailroomUser;
import jakarta.annotation.security.PermitAll;

@Route("")
@PermitAll
class HomeView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "home-view";
    static final String INVITATIONS_ID = "home-invitations";

    HomeView(AuthenticationContext authentication, UserMenuActions actions) {
        setId(ID);
        var user = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        add(new H2(getTranslation("home.welcome", user.displayName())));
        add(new Paragraph(actions.organisationLabel()));
        add(new Paragraph(getTranslation(user.isOperator() ? "home.operator" : "home.intro")));
        if (user.invitationCount() > 0) {
            var waiting = new Paragraph(getTranslation("home.invitations") + " ");
            waiting.setId(INVITATIONS_ID);
            waiting.add(new com.vaadin.flow.component.html.Anchor("choose-tenant", getTranslation("menu.switch")));
            add(waiting);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.home") + " | " + getTranslation("app.name");
    }
}
