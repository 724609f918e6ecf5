package dev.mailroom.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.mailroom.security.MailroomUser;
import dev.mailroom.security.SeatChoice;
import dev.mailroom.users.Seat;
import jakarta.annotation.security.PermitAll;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * After sign-in, for a person who belongs to several tenants (or has an invitation waiting), and behind "Switch
 * tenant" in the user menu: where to work now. Choosing reloads the page, so every view is built for the new tenant.
 */
@Route(value = TenantPickerView.ROUTE, autoLayout = false)
@PermitAll
public class TenantPickerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String ROUTE = "choose-tenant";
    static final String ID = "tenant-picker";

    private final SeatChoice choice;
    private final AuthenticationContext authentication;
    private final Paragraph problem = new Paragraph();

    TenantPickerView(SeatChoice choice, AuthenticationContext authentication) {
        this.choice = choice;
        this.authentication = authentication;
        setId(ID);
        setAlignItems(Alignment.CENTER);
        addClassName("mailroom-login");
        problem.setId("tenant-picker-problem");
        problem.addClassName("mailroom-error");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show();
    }

    private void show() {
        removeAll();
        var me = authentication.getAuthenticatedUser(MailroomUser.class).orElseThrow();
        var choices = choice.choices();
        add(new H1(getTranslation("picker.title")), new Paragraph(getTranslation("picker.intro", me.email())), problem);
        var current = me.seat();
        for (var seat : choices.seats()) {
            var go = new Button(label(seat), e -> take(choice::choose, seat.accountId()));
            go.setId("tenant-picker-" + seat.accountId());
            go.setWidth("24rem");
            if (current != null && current.accountId().equals(seat.accountId())) {
                go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            add(go);
        }
        if (!choices.invitations().isEmpty()) {
            add(new H2(getTranslation("picker.invitations")));
            for (var invitation : choices.invitations()) {
                String tenant = String.valueOf(invitation.tenantName());
                add(new Paragraph(getTranslation("picker.invitation", tenant, role(invitation))));
                var accept = new Button(
                        getTranslation("picker.accept", tenant), e -> take(choice::accept, invitation.accountId()));
                accept.setId("tenant-picker-accept-" + invitation.accountId());
                accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
                add(accept);
            }
        }
        if (choices.seats().isEmpty() && choices.invitations().isEmpty()) {
            add(new Paragraph(getTranslation("picker.none")));
        }
        var signOut = new Button(getTranslation("menu.logout"), e -> authentication.logout());
        signOut.setId("tenant-picker-sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(signOut);
    }

    private String label(Seat seat) {
        return seat.operator()
                ? getTranslation("picker.operator")
                : getTranslation("picker.tenant", seat.tenantName(), role(seat));
    }

    private String role(Seat seat) {
        return seat.role() == null ? "" : getTranslation("role." + seat.role().name());
    }

    private void take(Function<UUID, Authentication> how, UUID id) {
        Authentication seated;
        try {
            seated = how.apply(id);
        } catch (AccessDeniedException e) {
            show();
            problem.setText(getTranslation("picker.gone"));
            problem.setVisible(true);
            return;
        }
        SessionSeat.install(seated);
        UI.getCurrent().getPage().setLocation(".");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("picker.title") + " | " + getTranslation("app.name");
    }
}
