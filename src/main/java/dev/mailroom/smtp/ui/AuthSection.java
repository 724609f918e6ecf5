package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.ProviderPreset;
import dev.mailroom.smtp.SmtpField;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How Mailroom signs in: not at all, with a user name and password, or with an OAuth 2.0 client (Microsoft
 * Entra or any provider's token URL). Secrets are write-only: typed here, never read back (see {@link
 * SecretField}), so they are not part of the record.
 *
 * <p>The sign-in fields and the OAuth 2.0 client's are built when their kind is first chosen: most tenants sign
 * in with a password or not at all, and a page session keeps every component it has built. Unlike the other
 * sections it reads and writes its record by hand, because its fields may not exist yet; what is not built is
 * kept as it was read. Public only because the form builds its record.
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
    private @Nullable SignIn signIn;
    private @Nullable OAuthClientFields oauth;
    private Fields loaded = new Fields(AuthType.NONE, "", OAuthProvider.MICROSOFT, "", "", "", "");
    private boolean passwordStored;
    private boolean clientSecretStored;

    AuthSection() {
        authType.setId("smtp-auth-type");
        authType.setLabel(getTranslation("smtp.field.auth-type"));
        authType.setItems(AuthType.values());
        authType.setItemLabelGenerator(a -> getTranslation("smtp.auth." + a.name()));
        authType.setValue(AuthType.NONE);
        authType.addValueChangeListener(e -> updateVisibility());
        add(authType);
        setColspan(authType, 2);
    }

    /** The user name (the mailbox, for OAuth 2.0) and password; built on first use. */
    private SignIn signIn() {
        if (signIn == null) {
            signIn = new SignIn();
            signIn.username.setValue(loaded.username());
            signIn.password.setStored(passwordStored);
            showChosen();
        }
        return signIn;
    }

    /** The OAuth 2.0 client; built on first use, after the mailbox field it goes with. */
    private OAuthClientFields oauth() {
        if (oauth == null) {
            signIn();
            oauth = new OAuthClientFields(this::add, this::updateVisibility);
            oauth.read(loaded, clientSecretStored);
            showChosen();
        }
        return oauth;
    }

    TextField username() {
        return signIn().username;
    }

    SecretField password() {
        return signIn().password;
    }

    Select<OAuthProvider> oauthProvider() {
        return oauth().provider;
    }

    TextField oauthDirectoryId() {
        return oauth().directoryId;
    }

    TextField oauthClientId() {
        return oauth().clientId;
    }

    SecretField clientSecret() {
        return oauth().clientSecret;
    }

    TextField oauthTokenUrl() {
        return oauth().tokenUrl;
    }

    TextField oauthScope() {
        return oauth().scope;
    }

    /** A preset's authentication part. */
    void apply(ProviderPreset p) {
        if (p.authType() != null) {
            authType.setValue(p.authType());
        }
        if (p.oauthProvider() != null) {
            oauthProvider().setValue(p.oauthProvider());
        }
        if (p.username() != null) {
            username().setValue(p.username());
        }
    }

    void read(Fields fields, boolean passwordStored, boolean clientSecretStored) {
        loaded = fields;
        this.passwordStored = passwordStored;
        this.clientSecretStored = clientSecretStored;
        if (signIn != null) {
            signIn.username.setValue(fields.username());
            signIn.password.setStored(passwordStored);
        }
        if (oauth != null) {
            oauth.read(fields, clientSecretStored);
        }
        authType.setValue(fields.authType());
        updateVisibility();
    }

    Fields fields() {
        var o = oauth;
        return new Fields(
                authType.getValue(),
                signIn == null ? loaded.username() : signIn.username.getValue(),
                o == null ? loaded.oauthProvider() : o.provider.getValue(),
                o == null ? loaded.oauthDirectoryId() : o.directoryId.getValue(),
                o == null ? loaded.oauthClientId() : o.clientId.getValue(),
                o == null ? loaded.oauthTokenUrl() : o.tokenUrl.getValue(),
                o == null ? loaded.oauthScope() : o.scope.getValue());
    }

    /** A newly typed password, or null to keep the stored one (or none typed because the field was never shown). */
    @Nullable
    String newPassword() {
        return signIn == null ? null : emptyToNull(signIn.password.getValue());
    }

    @Nullable
    String newClientSecret() {
        return oauth == null ? null : emptyToNull(oauth.clientSecret.getValue());
    }

    Map<SmtpField, HasValidation> validated() {
        return Map.of(
                SmtpField.USERNAME, lazySignIn(s -> s.username),
                SmtpField.PASSWORD, lazySignIn(s -> s.password),
                SmtpField.OAUTH_DIRECTORY_ID, lazyOAuth(o -> o.directoryId),
                SmtpField.OAUTH_CLIENT_ID, lazyOAuth(o -> o.clientId),
                SmtpField.CLIENT_SECRET, lazyOAuth(o -> o.clientSecret),
                SmtpField.OAUTH_TOKEN_URL, lazyOAuth(o -> o.tokenUrl),
                SmtpField.OAUTH_SCOPE, lazyOAuth(o -> o.scope));
    }

    private HasValidation lazySignIn(Function<SignIn, HasValidation> field) {
        return new LazyValidation(() -> field.apply(signIn()), () -> signIn == null ? null : field.apply(signIn));
    }

    private HasValidation lazyOAuth(Function<OAuthClientFields, HasValidation> field) {
        return new LazyValidation(() -> field.apply(oauth()), () -> oauth == null ? null : field.apply(oauth));
    }

    /** Builds what the chosen kind needs, then shows exactly its fields. */
    private void updateVisibility() {
        var auth = authType.getValue();
        if (auth == AuthType.BASIC || auth == AuthType.OAUTH2) {
            signIn();
        }
        if (auth == AuthType.OAUTH2) {
            oauth();
        }
        showChosen();
    }

    private void showChosen() {
        var auth = authType.getValue();
        boolean basic = auth == AuthType.BASIC;
        boolean oauthChosen = auth == AuthType.OAUTH2;
        if (signIn != null) {
            signIn.username.setVisible(basic || oauthChosen);
            signIn.username.setLabel(getTranslation(oauthChosen ? "smtp.field.mailbox" : "smtp.field.username"));
            signIn.password.setVisible(basic);
        }
        if (oauth != null) {
            oauth.show(oauthChosen);
        }
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** User name and password, placed right after the choice of how to sign in. */
    private final class SignIn {
        final TextField username = new TextField();
        final SecretField password = new SecretField(getTranslation("smtp.field.password"), "smtp-password");

        SignIn() {
            username.setId("smtp-username");
            addComponentAtIndex(1, username);
            addComponentAtIndex(2, password);
        }
    }
}
