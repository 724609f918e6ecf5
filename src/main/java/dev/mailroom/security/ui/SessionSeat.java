package dev.mailroom.security.ui;

import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Puts a chosen seat's principal into the HTTP session, where the next request's security context comes from. The
 * session's other tabs were built for the seat before: they are reloaded, so no form of one tenant can be sent
 * into another.
 */
final class SessionSeat {

    private SessionSeat() {}

    static void install(Authentication seated) {
        var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(seated);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        var request = VaadinServletRequest.getCurrent();
        var response = VaadinServletResponse.getCurrent();
        if (request == null || response == null) {
            throw new IllegalStateException("A seat is chosen in a request");
        }
        new HttpSessionSecurityContextRepository()
                .saveContext(context, request.getHttpServletRequest(), response.getHttpServletResponse());
        var session = VaadinSession.getCurrent();
        var here = com.vaadin.flow.component.UI.getCurrent();
        for (var ui : session.getUIs()) {
            if (ui != here) {
                ui.access(() -> ui.getPage().reload());
            }
        }
    }
}
