package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.FieldProblem;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailMode;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpField;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsDraft;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP form: default service or custom settings, and for custom settings the server, sender and
 * authentication sections (only the fields that apply are shown). Reads saved settings into its sections and
 * its sections into a draft; shows each problem the service found beside its field.
 */
class SmtpSettingsForm extends VerticalLayout {

    final Checkbox useCustom = new Checkbox();
    final Paragraph defaultServiceNote = new Paragraph();
    final ServerSection server;
    final SenderSection sender = new SenderSection();
    final AuthSection auth = new AuthSection();
    private final VerticalLayout customSection = new VerticalLayout();
    private final Map<SmtpField, HasValidation> byField = new EnumMap<>(SmtpField.class);
    private @Nullable Long loadedVersion;

    SmtpSettingsForm(boolean virusScanConfigured) {
        setPadding(false);
        server = new ServerSection(virusScanConfigured);
        useCustom.setId("smtp-use-custom");
        useCustom.setLabel(getTranslation("smtp.field.use-custom"));
        useCustom.addValueChangeListener(e -> updateVisibility());
        defaultServiceNote.setId("smtp-default-note");
        defaultServiceNote.setText(getTranslation("smtp.default-service"));
        server.preset.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                server.apply(e.getValue());
                auth.apply(e.getValue());
            }
        });
        byField.putAll(server.validated());
        byField.putAll(sender.validated());
        byField.putAll(auth.validated());

        customSection.setPadding(false);
        customSection.add(
                new H3(getTranslation("smtp.section.server")),
                server,
                server.caCertificateSlot,
                new H3(getTranslation("smtp.section.sender")),
                sender,
                new H3(getTranslation("smtp.section.authentication")),
                auth);
        add(useCustom, defaultServiceNote, customSection);
        updateVisibility();
    }

    private void updateVisibility() {
        boolean custom = useCustom.getValue();
        defaultServiceNote.setVisible(!custom);
        customSection.setVisible(custom);
    }

    void read(SmtpSettings s) {
        loadedVersion = s.version();
        useCustom.setValue(s.isCustom());
        server.read(new ServerSection.Fields(
                nz(s.host()),
                String.valueOf(s.port() == null ? s.security().defaultPort() : s.port()),
                s.security(),
                s.minTls(),
                s.trust()));
        server.showStoredCertificates(s.caCertificates());
        sender.read(new SenderSection.Fields(nz(s.senderName()), nz(s.senderAddress())));
        var provider = s.oauthProvider() == null ? OAuthProvider.MICROSOFT : s.oauthProvider();
        auth.read(
                new AuthSection.Fields(
                        s.authType(),
                        nz(s.username()),
                        provider,
                        nz(s.oauthDirectoryId()),
                        nz(s.oauthClientId()),
                        nz(s.oauthTokenUrl()),
                        // Microsoft's usual scope is the field's placeholder: shown empty, saved as that scope.
                        provider == OAuthProvider.MICROSOFT
                                        && OAuthProvider.MICROSOFT_DEFAULT_SCOPE.equals(s.oauthScope())
                                ? ""
                                : nz(s.oauthScope())),
                s.passwordStored(),
                s.clientSecretStored());
        clearProblems();
        updateVisibility();
    }

    /**
     * What the form says, for Save and the tests.
     *
     * @throws InvalidSmtpSettingsException the port is not a number (only an empty port means "the usual one")
     */
    SmtpSettingsDraft draft() {
        boolean custom = useCustom.getValue();
        var s = server.fields();
        var from = sender.fields();
        var a = auth.fields();
        return SmtpSettingsDraft.builder()
                .mode(custom ? MailMode.CUSTOM : MailMode.DEFAULT_SERVICE)
                .host(s.host())
                .port(custom ? portNumber(s.port()) : null)
                .security(s.security())
                .minTls(s.minTls())
                .trust(s.security() == ConnectionSecurity.NONE ? CertificateTrust.DEFAULT : s.trust())
                .newCaPem(server.uploadedPem())
                .senderName(from.senderName())
                .senderAddress(from.senderAddress())
                .authType(a.authType())
                .username(a.username())
                .newPassword(auth.newPassword())
                .oauthProvider(a.oauthProvider())
                .oauthDirectoryId(a.oauthDirectoryId())
                .oauthClientId(a.oauthClientId())
                .oauthTokenUrl(a.oauthTokenUrl())
                .oauthScope(a.oauthScope())
                .newClientSecret(auth.newClientSecret())
                .expectedVersion(loadedVersion)
                .build();
    }

    /** Empty is the mode's usual port; digits are a number the service checks for range; the rest is refused. */
    private static @Nullable Integer portNumber(String port) {
        String typed = port.strip();
        if (typed.isEmpty()) {
            return null;
        }
        if (!typed.matches("[0-9]{1,9}")) {
            throw new InvalidSmtpSettingsException(List.of(FieldProblem.of(
                    SmtpField.PORT, typed.matches("[0-9]+") ? "smtp.error.port.range" : "smtp.error.port.unreadable")));
        }
        return Integer.valueOf(typed);
    }

    /** Shows each problem next to its field; returns those that belong to no field. */
    List<FieldProblem> showProblems(List<FieldProblem> problems) {
        clearProblems();
        var unplaced = new ArrayList<FieldProblem>();
        for (var p : problems) {
            var field = byField.get(p.field());
            if (field == null) {
                unplaced.add(p);
            } else {
                field.setErrorMessage(getTranslation(p.messageKey(), p.args().toArray()));
                field.setInvalid(true);
            }
        }
        return unplaced;
    }

    void clearProblems() {
        byField.values().forEach(f -> f.setInvalid(false));
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }
}
