package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.Sender;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.FieldProblem;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailMode;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.ProviderPreset;
import dev.mailroom.smtp.SmtpField;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsDraft;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP form's fields. Shows only the fields that apply, fills the usual port for the security mode
 * unless the admin typed another, splits a pasted "Name &lt;address&gt;", and reads itself into a draft.
 */
class SmtpSettingsForm extends VerticalLayout {

    final Checkbox useCustom = new Checkbox();
    final Paragraph defaultServiceNote = new Paragraph();
    final Select<ProviderPreset> preset = new Select<>();
    final TextField host = new TextField();
    final Select<ConnectionSecurity> security = new Select<>();
    /** Text, not a number field: an unreadable port must be said, not quietly read as "the usual one". */
    final TextField port = new TextField();

    final Select<TlsVersion> minTls = new Select<>();
    final RadioButtonGroup<CertificateTrust> trust = new RadioButtonGroup<>();
    final CaCertificateField caCertificate;
    final TextField senderName = new TextField();
    final TextField senderAddress = new TextField();
    final RadioButtonGroup<AuthType> authType = new RadioButtonGroup<>();
    final TextField username = new TextField();
    final SecretField password;
    final Select<OAuthProvider> oauthProvider = new Select<>();
    final TextField oauthDirectoryId = new TextField();
    final TextField oauthClientId = new TextField();
    final SecretField clientSecret;
    final TextField oauthTokenUrl = new TextField();
    final TextField oauthScope = new TextField();
    private final VerticalLayout customSection = new VerticalLayout();
    private final Map<SmtpField, HasValidation> byField = new EnumMap<>(SmtpField.class);
    private @Nullable Long loadedVersion;

    SmtpSettingsForm(boolean virusScanConfigured) {
        setPadding(false);
        caCertificate = new CaCertificateField(virusScanConfigured);
        password = new SecretField(getTranslation("smtp.field.password"), "smtp-password");
        clientSecret = new SecretField(getTranslation("smtp.field.client-secret"), "smtp-client-secret");
        configureFields();

        var server = new FormLayout(preset, host, security, port, minTls, trust);
        server.setColspan(host, 2);
        var sender = new FormLayout(senderName, senderAddress);
        var auth = new FormLayout(
                authType,
                username,
                password,
                oauthProvider,
                oauthDirectoryId,
                oauthClientId,
                clientSecret,
                oauthTokenUrl,
                oauthScope);
        auth.setColspan(authType, 2);
        customSection.setPadding(false);
        customSection.add(
                new H3(getTranslation("smtp.section.server")),
                server,
                caCertificate,
                new H3(getTranslation("smtp.section.sender")),
                sender,
                new H3(getTranslation("smtp.section.authentication")),
                auth);
        add(useCustom, defaultServiceNote, customSection);
        updateVisibility();
    }

    private void configureFields() {
        useCustom.setId("smtp-use-custom");
        useCustom.setLabel(getTranslation("smtp.field.use-custom"));
        defaultServiceNote.setId("smtp-default-note");
        defaultServiceNote.setText(getTranslation("smtp.default-service"));

        preset.setId("smtp-preset");
        preset.setLabel(getTranslation("smtp.field.preset"));
        preset.setItems(ProviderPreset.values());
        preset.setItemLabelGenerator(p -> getTranslation("smtp.preset." + p.name()));
        preset.setPlaceholder(getTranslation("smtp.field.preset.placeholder"));
        preset.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                apply(e.getValue());
            }
        });

        host.setId("smtp-host");
        host.setLabel(getTranslation("smtp.field.host"));
        host.setHelperText(getTranslation("smtp.field.host.help"));
        host.setMaxLength(253);
        host.setRequiredIndicatorVisible(true);

        security.setId("smtp-security");
        security.setLabel(getTranslation("smtp.field.security"));
        security.setItems(ConnectionSecurity.values());
        security.setItemLabelGenerator(s -> getTranslation("smtp.security." + s.name()));
        security.addValueChangeListener(e -> {
            // The usual port follows the mode, unless the admin typed a port of their own.
            String typed = port.getValue().strip();
            if (e.getOldValue() != null
                    && (typed.isEmpty()
                            || typed.equals(String.valueOf(e.getOldValue().defaultPort())))) {
                port.setValue(String.valueOf(e.getValue().defaultPort()));
            }
            updateVisibility();
        });

        port.setId("smtp-port");
        port.setLabel(getTranslation("smtp.field.port"));
        port.setHelperText(getTranslation("smtp.field.port.help"));

        minTls.setId("smtp-min-tls");
        minTls.setLabel(getTranslation("smtp.field.min-tls"));
        minTls.setItems(TlsVersion.values());
        minTls.setItemLabelGenerator(v -> getTranslation("smtp.tls." + v.name()));

        trust.setId("smtp-trust");
        trust.setLabel(getTranslation("smtp.field.trust"));
        trust.setItems(CertificateTrust.values());
        trust.setItemLabelGenerator(t -> getTranslation("smtp.trust." + t.name()));
        trust.addValueChangeListener(e -> updateVisibility());

        senderName.setId("smtp-sender-name");
        senderName.setLabel(getTranslation("smtp.field.sender-name"));
        senderName.setMaxLength(200);
        senderAddress.setId("smtp-sender-address");
        senderAddress.setLabel(getTranslation("smtp.field.sender-address"));
        senderAddress.setHelperText(getTranslation("smtp.field.sender-address.help"));
        senderAddress.setRequiredIndicatorVisible(true);
        senderAddress.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue().contains("<")) {
                var split = Sender.split(senderName.getValue(), e.getValue());
                if (split != null) {
                    senderName.setValue(split.name());
                    senderAddress.setValue(split.address());
                }
            }
        });

        authType.setId("smtp-auth-type");
        authType.setLabel(getTranslation("smtp.field.auth-type"));
        authType.setItems(AuthType.values());
        authType.setItemLabelGenerator(a -> getTranslation("smtp.auth." + a.name()));
        authType.addValueChangeListener(e -> updateVisibility());
        username.setId("smtp-username");
        oauthProvider.setId("smtp-oauth-provider");
        oauthProvider.setLabel(getTranslation("smtp.field.oauth-provider"));
        oauthProvider.setItems(OAuthProvider.values());
        oauthProvider.setItemLabelGenerator(p -> getTranslation("smtp.oauth-provider." + p.name()));
        oauthProvider.addValueChangeListener(e -> updateVisibility());
        oauthDirectoryId.setId("smtp-oauth-directory-id");
        oauthDirectoryId.setLabel(getTranslation("smtp.field.directory-id"));
        oauthClientId.setId("smtp-oauth-client-id");
        oauthClientId.setLabel(getTranslation("smtp.field.client-id"));
        oauthTokenUrl.setId("smtp-oauth-token-url");
        oauthTokenUrl.setLabel(getTranslation("smtp.field.token-url"));
        oauthTokenUrl.setPlaceholder("https://");
        oauthScope.setId("smtp-oauth-scope");
        oauthScope.setLabel(getTranslation("smtp.field.scope"));

        useCustom.addValueChangeListener(e -> updateVisibility());

        byField.put(SmtpField.HOST, host);
        byField.put(SmtpField.PORT, port);
        byField.put(SmtpField.SECURITY, security);
        byField.put(SmtpField.CA_CERTIFICATE, caCertificate);
        byField.put(SmtpField.SENDER_NAME, senderName);
        byField.put(SmtpField.SENDER_ADDRESS, senderAddress);
        byField.put(SmtpField.USERNAME, username);
        byField.put(SmtpField.PASSWORD, password);
        byField.put(SmtpField.OAUTH_DIRECTORY_ID, oauthDirectoryId);
        byField.put(SmtpField.OAUTH_CLIENT_ID, oauthClientId);
        byField.put(SmtpField.CLIENT_SECRET, clientSecret);
        byField.put(SmtpField.OAUTH_TOKEN_URL, oauthTokenUrl);
        byField.put(SmtpField.OAUTH_SCOPE, oauthScope);
    }

    private void apply(ProviderPreset p) {
        if (p.host() != null) {
            host.setValue(p.host());
        }
        if (p.security() != null) {
            security.setValue(p.security());
            port.setValue(String.valueOf(p.security().defaultPort()));
        }
        if (p.authType() != null) {
            authType.setValue(p.authType());
        }
        if (p.oauthProvider() != null) {
            oauthProvider.setValue(p.oauthProvider());
        }
        if (p.username() != null) {
            username.setValue(p.username());
        }
    }

    void updateVisibility() {
        boolean custom = useCustom.getValue();
        defaultServiceNote.setVisible(!custom);
        customSection.setVisible(custom);
        boolean tls = security.getValue() != ConnectionSecurity.NONE;
        minTls.setVisible(tls);
        trust.setVisible(tls);
        caCertificate.setVisible(tls && trust.getValue() == CertificateTrust.CUSTOM);
        var auth = authType.getValue();
        boolean basic = auth == AuthType.BASIC;
        boolean oauth = auth == AuthType.OAUTH2;
        boolean microsoft = oauth && oauthProvider.getValue() == OAuthProvider.MICROSOFT;
        username.setVisible(basic || oauth);
        username.setLabel(getTranslation(oauth ? "smtp.field.mailbox" : "smtp.field.username"));
        password.setVisible(basic);
        oauthProvider.setVisible(oauth);
        oauthClientId.setVisible(oauth);
        clientSecret.setVisible(oauth);
        oauthDirectoryId.setVisible(microsoft);
        oauthTokenUrl.setVisible(oauth && !microsoft);
        oauthScope.setVisible(oauth);
        oauthScope.setPlaceholder(microsoft ? OAuthProvider.MICROSOFT_DEFAULT_SCOPE : "");
    }

    void read(SmtpSettings s) {
        loadedVersion = s.version();
        useCustom.setValue(s.isCustom());
        preset.clear();
        security.setValue(s.security());
        host.setValue(nz(s.host()));
        port.setValue(String.valueOf(s.port() == null ? s.security().defaultPort() : s.port()));
        minTls.setValue(s.minTls());
        trust.setValue(s.trust());
        caCertificate.showStored(s.caCertificates());
        senderName.setValue(nz(s.senderName()));
        senderAddress.setValue(nz(s.senderAddress()));
        authType.setValue(s.authType());
        username.setValue(nz(s.username()));
        password.setStored(s.passwordStored());
        oauthProvider.setValue(s.oauthProvider() == null ? OAuthProvider.MICROSOFT : s.oauthProvider());
        oauthDirectoryId.setValue(nz(s.oauthDirectoryId()));
        oauthClientId.setValue(nz(s.oauthClientId()));
        clientSecret.setStored(s.clientSecretStored());
        oauthTokenUrl.setValue(nz(s.oauthTokenUrl()));
        oauthScope.setValue(
                s.oauthProvider() == OAuthProvider.MICROSOFT
                                && OAuthProvider.MICROSOFT_DEFAULT_SCOPE.equals(s.oauthScope())
                        ? ""
                        : nz(s.oauthScope()));
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
        return SmtpSettingsDraft.builder()
                .mode(custom ? MailMode.CUSTOM : MailMode.DEFAULT_SERVICE)
                .host(host.getValue())
                .port(custom ? portNumber() : null)
                .security(security.getValue())
                .minTls(minTls.getValue())
                .trust(security.getValue() == ConnectionSecurity.NONE ? CertificateTrust.DEFAULT : trust.getValue())
                .newCaPem(caCertificate.uploadedPem())
                .senderName(senderName.getValue())
                .senderAddress(senderAddress.getValue())
                .authType(authType.getValue())
                .username(username.getValue())
                .newPassword(emptyToNull(password.getValue()))
                .oauthProvider(oauthProvider.getValue())
                .oauthDirectoryId(oauthDirectoryId.getValue())
                .oauthClientId(oauthClientId.getValue())
                .oauthTokenUrl(oauthTokenUrl.getValue())
                .oauthScope(oauthScope.getValue())
                .newClientSecret(emptyToNull(clientSecret.getValue()))
                .expectedVersion(loadedVersion)
                .build();
    }

    /** Empty is the mode's usual port; digits are a number the service checks for range; the rest is refused. */
    private @Nullable Integer portNumber() {
        String typed = port.getValue().strip();
        if (typed.isEmpty()) {
            return null;
        }
        if (!typed.matches("[0-9]{1,9}")) {
            throw new InvalidSmtpSettingsException(java.util.List.of(FieldProblem.of(
                    SmtpField.PORT, typed.matches("[0-9]+") ? "smtp.error.port.range" : "smtp.error.port.unreadable")));
        }
        return Integer.valueOf(typed);
    }

    /** Shows each problem next to its field; returns those that belong to no field. */
    java.util.List<FieldProblem> showProblems(java.util.List<FieldProblem> problems) {
        clearProblems();
        var unplaced = new java.util.ArrayList<FieldProblem>();
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

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
