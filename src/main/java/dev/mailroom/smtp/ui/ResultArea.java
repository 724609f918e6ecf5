package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.mailroom.throttle.TestAlreadyRunningException;
import dev.mailroom.throttle.TooManyAttemptsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** What the last action on the SMTP page came to, under its buttons; announced to screen readers. */
class ResultArea extends Div {

    static final String ID = "smtp-result";
    private static final long UNAVAILABLE_RETRY_SECONDS = 30;

    ResultArea() {
        setId(ID);
        addClassName("mailroom-result");
        getElement().setAttribute("aria-live", "polite");
    }

    /** Replaces what was shown with one message of this kind ("success", "error", "warning", "hint"). */
    void message(String kind, String text) {
        removeAll();
        append(kind, text);
    }

    void append(String kind, String text) {
        var p = new Paragraph(text);
        p.addClassName("mailroom-" + kind);
        add(p);
    }

    /**
     * A limit said no: say so and keep the buttons it applies to disabled until the wait is over ({@code enable}
     * decides then whether each may be enabled). The form is left exactly as it was.
     */
    void refused(RuntimeException refusal, Consumer<Button> enable, Button... buttons) {
        long seconds = switch (refusal) {
            case TooManyAttemptsException tooMany -> tooMany.retryAfterSeconds();
            case TestAlreadyRunningException running -> 0;
            default -> UNAVAILABLE_RETRY_SECONDS;
        };
        message(
                "error",
                switch (refusal) {
                    case TooManyAttemptsException tooMany -> getTranslation("throttle.too-many", seconds);
                    case TestAlreadyRunningException running -> getTranslation("throttle.test-running");
                    default -> getTranslation("throttle.unavailable");
                });
        if (seconds == 0) {
            return;
        }
        for (Button button : buttons) {
            button.setEnabled(false);
        }
        var ui = UI.getCurrent();
        CompletableFuture.runAsync(
                () -> ui.access(() -> {
                    for (Button button : buttons) {
                        enable.accept(button);
                    }
                }),
                CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS));
    }
}
