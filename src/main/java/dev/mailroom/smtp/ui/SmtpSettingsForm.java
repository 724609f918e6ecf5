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
    private final boolean virusScanConfigured;
    // Built when custom settings are first shown: a tenant on the default service never needs them.
    private @Nullable ServerSection server;
    private @Nullable SenderSection sender;
    private @Nullable AuthSection auth;
    private @Nullable RateSection rate;
    private final VerticalLayout customSection = new VerticalLayout();
    private final Map<SmtpField, HasValidation> byField = new EnumMap<>(SmtpField.class);
    private SmtpSettings loaded = SmtpSettings.defaultService();

    SmtpSettingsForm(boolean virusScanConfigured) {
        setPadding(false);
        this.virusScanConfigured = virusScanConfigured;
        useCustom.setId("smtp-use-custom");
        useCustom.setLabel(getTranslation("smtp.field.use-custom"));
        useCustom.addValueChangeListener(e -> updateVisibility());
        defaultServiceNote.setId("smtp-default-note");
        defaultServiceNote.setText(getTranslation("smtp.default-service"));
        customSection.setPadding(false);
        add(useCustom, defaultServiceNote, customSection);
        updateVisibility();
    }

    ServerSection server() {
        build();
        return java.util.Objects.requireNonNull(server);
    }

    SenderSection sender() {
        build();
        return java.util.Objects.requireNonNull(sender);
    }

    AuthSection auth() {
        build();
        return java.util.Objects.requireNonNull(auth);
    }

    private void build() {
        if (server != null) {
            return;
        }
        var builtServer = new ServerSection(virusScanConfigured);
        var builtSender = new SenderSection();
        var builtAuth = new AuthSection();
        var builtRate = new RateSection();
        builtServer.preset.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                builtServer.apply(e.getValue());
                builtAuth.apply(e.getValue());
                builtRate.apply(e.getValue());
            }
        });
        byField.putAll(builtServer.validated());
        byField.putAll(builtSender.validated());
        byField.putAll(builtAuth.validated());
        byField.putAll(builtRate.validated());
        customSection.add(
                new H3(getTranslation("smtp.section.server")),
                builtServer,
                builtServer.caCertificateSlot,
                new H3(getTranslation("smtp.section.sender")),
                builtSender,
                new H3(getTranslation("smtp.section.authentication")),
                builtAuth,
                new H3(getTranslation("smtp.section.rate")),
                builtRate);
        rate = builtRate;
        server = builtServer;
        sender = builtSender;
        auth = builtAuth;
        readSections(loaded);
    }

    private void updateVisibility() {
        boolean custom = useCustom.getValue();
        if (custom) {
            build();
        }
        defaultServiceNote.setVisible(!custom);
        customSection.setVisible(custom);
    }

    void read(SmtpSettings s) {
        loaded = s;
        // Built sections are filled now; sections built by showing custom settings below fill themselves.
        if (server != null) {
            readSections(s);
        }
        useCustom.setValue(s.isCustom());
        clearProblems();
        updateVisibility();
    }

    private void readSections(SmtpSettings s) {
        var serverSection = server();
        serverSection.read(new ServerSection.Fields(
                nz(s.host()),
                String.valueOf(s.port() == null ? s.security().defaultPort() : s.port()),
                s.security(),
                s.minTls(),
                s.trust()));
        serverSection.showStoredCertificates(s.caCertificates());
        sender().read(new SenderSection.Fields(nz(s.senderName()), nz(s.senderAddress())));
        java.util.Objects.requireNonNull(rate).read(s.rate());
        var provider = s.oauthProvider() == null ? OAuthProvider.MICROSOFT : s.oauthProvider();
        auth().read(
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
    }

    /**
     * What the form says, for Save and the tests.
     *
     * @throws InvalidSmtpSettingsException the port is not a number (only an empty port means "the usual one")
     */
    SmtpSettingsDraft draft() {
        boolean custom = useCustom.getValue();
        if (server == null) {
            // Never shown, so never changed: the default service, with what is stored kept as it is.
            return SmtpSettingsDraft.from(loaded)
                    .mode(MailMode.DEFAULT_SERVICE)
                    .port(null)
                    .build();
        }
        var serverSection = server();
        var authSection = auth();
        var s = serverSection.fields();
        var from = sender().fields();
        var a = authSection.fields();
        return SmtpSettingsDraft.builder()
                .mode(custom ? MailMode.CUSTOM : MailMode.DEFAULT_SERVICE)
                .host(s.host())
                .port(custom ? portNumber(s.port()) : null)
                .security(s.security())
                .minTls(s.minTls())
                .trust(s.security() == ConnectionSecurity.NONE ? CertificateTrust.DEFAULT : s.trust())
                .newCaPem(serverSection.uploadedPem())
                .senderName(from.senderName())
                .senderAddress(from.senderAddress())
                .authType(a.authType())
                .username(a.username())
                .newPassword(authSection.newPassword())
                .oauthProvider(a.oauthProvider())
                .oauthDirectoryId(a.oauthDirectoryId())
                .oauthClientId(a.oauthClientId())
                .oauthTokenUrl(a.oauthTokenUrl())
                .oauthScope(a.oauthScope())
                .newClientSecret(authSection.newClientSecret())
                .rate(java.util.Objects.requireNonNull(rate).rate())
                .expectedVersion(loaded.version())
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
