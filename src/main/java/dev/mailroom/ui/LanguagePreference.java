package dev.mailroom.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import dev.mailroom.i18n.Languages;
import dev.mailroom.security.MailroomUser;
import java.util.Locale;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The browser's language until the user picks one; from then on their stored choice, in every
 * session they open.
 */
@Component
class LanguagePreference implements VaadinServiceInitListener {

    private static final String CHOSEN = LanguagePreference.class.getName() + ".chosen";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> {
            var session = e.getUI().getSession();
            if (session.getAttribute(CHOSEN) == null) {
                var auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null
                        && auth.getPrincipal() instanceof MailroomUser user
                        && user.preferredLanguage() != null) {
                    choose(session, Languages.supportedOrDefault(user.preferredLanguage()));
                }
            }
            e.getUI().setLocale(session.getLocale());
        });
    }

    static void choose(VaadinSession session, Locale locale) {
        session.setAttribute(CHOSEN, Boolean.TRUE);
        session.setLocale(locale);
    }
}
