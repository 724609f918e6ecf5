package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.ProviderPreset;
import dev.mailroom.smtp.SmtpField;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How Mailroom signs in: not at all, with a user name and password, or with an OAuth 2.0 client (Microsoft
 * Entra or any provider's token URL). Secrets are write-only: typed here, never read back (see {@link
 * SecretField}), so they are not part of the bound record.
 *
 * <p>Public only because Binder reads its record by reflection.
 */
public class AuthSection extends FormLayout {

    public record Fields(
            AuthType authType,
            String username,
            OAuthProvider oauthProvider,
            String oauthDirectoryId,
            String oauthClientId,
            String oauthTokenUrl,
            String oauthScope) {}

    final RadioButtonGroup<AuthType> authType = new RadioButtonGroup<>();
    final TextField username = new TextField();
    final SecretField password;
    final Select<OAuthProvider> oauthProvider = new Select<>();
    final TextField oauthDirectoryId = new TextField();
    final TextField oauthClientId = new TextField();
    final SecretField clientSecret;
    final TextField oauthTokenUrl = new TextField();
    final TextField oauthScope = new TextField();
    private final Binder<Fields> binder = new Binder<>(Fields.class);

    AuthSection() {
        password = new SecretField(getTranslation("smtp.field.password"), "smtp-password");
        clientSecret = new SecretField(getTranslation("smtp.field.client-secret"), "smtp-client-secret");
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

        binder.forField(authType).bind("authType");
        binder.forField(username).bind("username");
        binder.forField(oauthProvider).bind("oauthProvider");
        binder.forField(oauthDirectoryId).bind("oauthDirectoryId");
        binder.forField(oauthClientId).bind("oauthClientId");
        binder.forField(oauthTokenUrl).bind("oauthTokenUrl");
        binder.forField(oauthScope).bind("oauthScope");

        add(
                authType,
                username,
                password,
                oauthProvider,
                oauthDirectoryId,
                oauthClientId,
                clientSecret,
                oauthTokenUrl,
                oauthScope);
        setColspan(authType, 2);
    }

    /** A preset's authentication part. */
    void apply(ProviderPreset p) {
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

    void read(Fields fields, boolean passwordStored, boolean clientSecretStored) {
        binder.readRecord(fields);
        password.setStored(passwordStored);
        clientSecret.setStored(clientSecretStored);
        updateVisibility();
    }

    Fields fields() {
        return FormRecords.write(binder);
    }

    /** A newly typed password, or null to keep the stored one. */
    @Nullable
    String newPassword() {
        return emptyToNull(password.getValue());
    }

    @Nullable
    String newClientSecret() {
        return emptyToNull(clientSecret.getValue());
    }

    Map<SmtpField, HasValidation> validated() {
        return Map.of(
                SmtpField.USERNAME, username,
                SmtpField.PASSWORD, password,
                SmtpField.OAUTH_DIRECTORY_ID, oauthDirectoryId,
                SmtpField.OAUTH_CLIENT_ID, oauthClientId,
                SmtpField.CLIENT_SECRET, clientSecret,
                SmtpField.OAUTH_TOKEN_URL, oauthTokenUrl,
                SmtpField.OAUTH_SCOPE, oauthScope);
    }

    private void updateVisibility() {
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

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
