package dev.mailroom.ui;

import com.vaadin.flow.component.Component;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusBroadcaster;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps a component showing its tenant's mail status while it is attached: it watches the tenant on
 * attach, pushes each change into its UI, and stops watching on detach, so a closed tab leaves nothing behind.
 */
public final class LiveMailStatus {

    private LiveMailStatus() {}

    public static void bind(
            Component owner, MailStatusBroadcaster broadcaster, UUID tenant, Consumer<Optional<MailStatus>> render) {
        owner.addAttachListener(attach -> {
            var ui = attach.getUI();
            Runnable stop = broadcaster.watch(tenant, status -> ui.access(() -> render.accept(status)));
            owner.addDetachListener(detach -> {
                stop.run();
                detach.unregisterListener();
            });
        });
    }
}
