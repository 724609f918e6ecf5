package dev.mailroom.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The last net under every action: the user sees one plain sentence, the log gets the details.
 * Expected problems (bad input, refusals) are handled where they happen; this is for the rest.
 */
@Component
class UnexpectedErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(e -> e.getSession().setErrorHandler(error -> {
                    var cause = error.getThrowable();
                    boolean denied = cause instanceof AccessDeniedException;
                    if (denied) {
                        log.warn("Refused: {}", cause.getMessage());
                    } else {
                        log.error("Unexpected error in the UI", cause);
                    }
                    var ui = UI.getCurrent();
                    if (ui != null) {
                        ui.access(() -> {
                            var n = Notification.show(
                                    ui.getTranslation(denied ? "error.denied" : "error.unexpected"),
                                    6000,
                                    Notification.Position.TOP_CENTER);
                            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
                        });
                    }
                }));
    }
}
