package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.smtp.OAuthProvider;
import java.util.function.Consumer;

/** The OAuth 2.0 client: provider, its directory or token URL, client ID and secret, scope. */
final class OAuthClientFields {
    final Select<OAuthProvider> provider = new Select<>();
    final TextField directoryId = new TextField();
    final TextField clientId = new TextField();
    final SecretField clientSecret =
            new SecretField(provider.getTranslation("smtp.field.client-secret"), "smtp-client-secret");
    final TextField tokenUrl = new TextField();
    final TextField scope = new TextField();

    OAuthClientFields(Consumer<Component[]> place, Runnable onProviderChange) {
        provider.setId("smtp-oauth-provider");
        provider.setLabel(provider.getTranslation("smtp.field.oauth-provider"));
        provider.setItems(OAuthProvider.values());
        provider.setItemLabelGenerator(p -> provider.getTranslation("smtp.oauth-provider." + p.name()));
        provider.addValueChangeListener(e -> onProviderChange.run());
        directoryId.setId("smtp-oauth-directory-id");
        directoryId.setLabel(provider.getTranslation("smtp.field.directory-id"));
        clientId.setId("smtp-oauth-client-id");
        clientId.setLabel(provider.getTranslation("smtp.field.client-id"));
        tokenUrl.setId("smtp-oauth-token-url");
        tokenUrl.setLabel(provider.getTranslation("smtp.field.token-url"));
        tokenUrl.setPlaceholder("https://");
        scope.setId("smtp-oauth-scope");
        scope.setLabel(provider.getTranslation("smtp.field.scope"));
        place.accept(new Component[] {provider, directoryId, clientId, clientSecret, tokenUrl, scope});
    }

    void read(AuthSection.Fields fields, boolean secretStored) {
        provider.setValue(fields.oauthProvider());
        directoryId.setValue(fields.oauthDirectoryId());
        clientId.setValue(fields.oauthClientId());
        tokenUrl.setValue(fields.oauthTokenUrl());
        scope.setValue(fields.oauthScope());
        clientSecret.setStored(secretStored);
    }

    void show(boolean chosen) {
        boolean microsoft = chosen && provider.getValue() == OAuthProvider.MICROSOFT;
        provider.setVisible(chosen);
        clientId.setVisible(chosen);
        clientSecret.setVisible(chosen);
        directoryId.setVisible(microsoft);
        tokenUrl.setVisible(chosen && !microsoft);
        scope.setVisible(chosen);
        scope.setPlaceholder(microsoft ? OAuthProvider.MICROSOFT_DEFAULT_SCOPE : "");
    }
}
