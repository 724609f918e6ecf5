package dev.mailroom.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.mailroom.security.MailroomUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** A person signed in with no seat chosen yet sees the tenant picker, whatever address they open. */
@Component
class SeatGuard implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addUIInitListener(init -> init.getUI().addBeforeEnterListener(enter -> {
                    var authentication = SecurityContextHolder.getContext().getAuthentication();
                    if (authentication != null
                            && authentication.getPrincipal() instanceof MailroomUser user
                            && user.choosing()
                            && enter.getNavigationTarget() != TenantPickerView.class) {
                        enter.rerouteTo(TenantPickerView.class);
                    }
                }));
    }
}
