package dev.mailroom.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusBroadcaster;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a component showing its tenant's mail status (or its SMTP settings) while it is attached: it watches the
 * tenant on attach, pushes each change into its UI, and stops watching on detach, so a closed tab leaves nothing
 * behind.
 */
public final class LiveMailStatus {

    private LiveMailStatus() {}

    public static void bind(
            Component owner, MailStatusBroadcaster broadcaster, UUID tenant, Consumer<Optional<MailStatus>> render) {
        whileAttached(owner, ui -> broadcaster.watch(tenant, status -> ui.access(() -> render.accept(status))));
    }

    /** Runs {@code onChange} in the owner's UI whenever the tenant's SMTP settings change, while it is attached. */
    public static void bindSettings(
            Component owner, MailStatusBroadcaster broadcaster, UUID tenant, Runnable onChange) {
        whileAttached(owner, ui -> broadcaster.watchSettings(tenant, () -> ui.access(onChange::run)));
    }

    private static void whileAttached(Component owner, Function<UI, Runnable> watch) {
        owner.addAttachListener(attach -> {
            Runnable stop = watch.apply(attach.getUI());
            owner.addDetachListener(detach -> {
                stop.run();
                detach.unregisterListener();
            });
        });
    }
}
