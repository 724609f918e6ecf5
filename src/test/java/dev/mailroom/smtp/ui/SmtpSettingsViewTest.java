package dev.mailroom.smtp.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import dev.mailroom.i18n.Languages;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.MailMode;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.users.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The SMTP page as an admin uses it, without a browser. Each test has a tenant of its own. */
@MailroomTest
class SmtpSettingsViewTest extends SpringBrowserlessTest {

    static final String SECRET = "p4ss-W0rd-never-shown";

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService service;

    Tenant tenant;

    @BeforeEach
    void signInAsANewTenantsAdmin() {
        tenant = fixtures.newTenant("View");
        fixtures.signInAs(fixtures.newUser(tenant, "Vera", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    /** Opens the page afresh (Vaadin reuses a view when navigating to the route it already shows). */
    private SmtpSettingsView open() {
        UI.getCurrent().navigate("");
        return navigate(SmtpSettingsView.class);
    }

    private String result() {
        return $(Div.class).id(SmtpSettingsView.RESULT_ID).getElement().getTextRecursively();
    }

    private void fillBasic(SmtpSettingsForm form) {
        test(form.useCustom).click();
        test(form.server().host).setValue("smtp.example.com");
        test(form.sender().senderAddress).setValue("noreply@example.com");
        test(form.auth().authType).selectItem("Basic (user name and password)");
        test(form.auth().username()).setValue("mailer");
        form.auth().password().setValue(SECRET);
    }

    private String inUse() {
        return $(com.vaadin.flow.component.html.Paragraph.class)
                .id(SmtpSettingsView.IN_USE_ID)
                .getText();
    }

    @Test
    void aNewTenantSeesTheDefaultMailServiceAndNoCustomFields() {
        var form = open().form;
        assertThat(form.useCustom.getValue()).isFalse();
        assertThat(form.defaultServiceNote.isVisible()).isTrue();
        assertThat(inUse())
                .as("demo mode: the default service is the demo mailbox")
                .startsWith("In use: the built-in demo mailbox");
        assertThat(form.server().host.isVisible()
                        && form.server()
                                .host
                                .getParent()
                                .orElseThrow()
                                .getParent()
                                .orElseThrow()
                                .isVisible())
                .as("server field shown")
                .isFalse();
    }

    @Test
    void fieldsAppearOnlyWhenTheyApply() {
        var form = open().form;
        test(form.useCustom).click();
        assertThat(form.defaultServiceNote.isVisible()).isFalse();
        assertThat(form.auth().password().isVisible()).isFalse();

        test(form.auth().authType).selectItem("Basic (user name and password)");
        assertThat(form.auth().username().isVisible() && form.auth().password().isVisible())
                .isTrue();
        assertThat(form.auth().oauthClientId().isVisible()).isFalse();

        test(form.auth().authType).selectItem("OAuth 2.0");
        assertThat(form.auth().password().isVisible()).isFalse();
        assertThat(form.auth().oauthProvider().isVisible()
                        && form.auth().oauthClientId().isVisible()
                        && form.auth().clientSecret().isVisible()
                        && form.auth().oauthDirectoryId().isVisible())
                .isTrue();
        assertThat(form.auth().oauthTokenUrl().isVisible())
                .as("Microsoft needs no token URL")
                .isFalse();
        assertThat(form.auth().oauthProvider().getLabel())
                .as("two different choices, two different names")
                .isNotEqualTo(form.server().preset.getLabel());
        test(form.auth().oauthProvider()).selectItem("Other");
        assertThat(form.auth().oauthTokenUrl().isVisible()).isTrue();
        assertThat(form.auth().oauthDirectoryId().isVisible()).isFalse();

        test(form.server().trust).selectItem("Custom certificate");
        assertThat(form.server().caCertificate().isVisible()).isTrue();
        test(form.server().security).selectItem("None");
        assertThat(form.server().caCertificate().isVisible())
                .as("no TLS, no certificate")
                .isFalse();
        assertThat(form.server().minTls.isVisible()).isFalse();
    }

    /** A session keeps every component it built: a tenant that never signs in with OAuth 2.0 never pays for it. */
    @Test
    void theSignInFieldsAreBuiltWhenTheirKindIsFirstChosen() {
        var view = open();
        test(view.form.useCustom).click();
        assertThat(ids(view)).doesNotContain("smtp-username", "smtp-password", "smtp-oauth-client-id");

        test(view.form.auth().authType).selectItem("Basic (user name and password)");
        assertThat(ids(view)).contains("smtp-username", "smtp-password").doesNotContain("smtp-oauth-client-id");

        test(view.form.auth().authType).selectItem("OAuth 2.0");
        assertThat(ids(view)).contains("smtp-username", "smtp-oauth-provider", "smtp-oauth-client-id");
        assertThat(view.form.auth().username().getLabel())
                .as("the user name is the mailbox for OAuth 2.0")
                .isEqualTo("Mailbox user name");
    }

    private static List<String> ids(SmtpSettingsView view) {
        var ids = new ArrayList<String>();
        view.getElement().getNode().visitNodeTree(node -> {
            var element = Element.get(node);
            if (!element.isTextNode() && element.hasAttribute("id")) {
                ids.add(element.getAttribute("id"));
            }
        });
        return ids;
    }

    @Test
    void theSecurityModeFillsTheUsualPortUnlessTheAdminTypedOne() {
        var form = open().form;
        test(form.useCustom).click();
        assertThat(form.server().port.getValue()).isEqualTo("587");
        test(form.server().security).selectItem("SSL/TLS");
        assertThat(form.server().port.getValue()).isEqualTo("465");
        test(form.server().security).selectItem("None");
        assertThat(form.server().port.getValue()).isEqualTo("25");
        test(form.server().port).setValue("2525");
        test(form.server().security).selectItem("STARTTLS");
        assertThat(form.server().port.getValue()).isEqualTo("2525");
    }

    @Test
    void aPastedNameAndAddressAreSplitIntoTheTwoFields() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.sender().senderAddress).setValue("Pusat Layanan <layanan@example.co.id>");
        assertThat(form.sender().senderName.getValue()).isEqualTo("Pusat Layanan");
        assertThat(form.sender().senderAddress.getValue()).isEqualTo("layanan@example.co.id");
    }

    @Test
    void aPresetFillsTheUsualSettings() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.server().preset).selectItem("Microsoft 365");
        assertThat(form.server().host.getValue()).isEqualTo("smtp.office365.com");
        assertThat(form.server().security.getValue()).isEqualTo(ConnectionSecurity.STARTTLS);
        assertThat(form.server().port.getValue()).isEqualTo("587");
        assertThat(form.auth().authType.getValue()).isEqualTo(AuthType.OAUTH2);
        assertThat(form.auth().oauthProvider().getValue()).isEqualTo(OAuthProvider.MICROSOFT);
    }

    @Test
    void theChosenPresetStaysNamedAfterSavingAndReopening() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.server().preset).selectItem("Gmail");
        test(form.sender().senderAddress).setValue("noreply@example.com");
        test(form.auth().username()).setValue("mailer@example.com");
        form.auth().password().setValue(SECRET);
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(result()).contains("SMTP configuration updated");
        assertThat(form.server().preset.getValue()).isEqualTo(dev.mailroom.smtp.ProviderPreset.GMAIL);
        assertThat(open().form.server().preset.getValue()).isEqualTo(dev.mailroom.smtp.ProviderPreset.GMAIL);
    }

    @Test
    void badInputIsShownNextToTheFieldAndNothingIsSaved() {
        var view = open();
        fillBasic(view.form);
        test(view.form.server().host).setValue("smtp://mail.example.com");
        view.form.auth().password().setValue("short");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(view.form.server().host.isInvalid()).isTrue();
        assertThat(view.form.server().host.getErrorMessage()).contains("without smtp://");
        assertThat(view.form.auth().password().isInvalid()).isTrue();
        assertThat(view.form.auth().password().getErrorMessage())
                .isEqualTo("The password must have 8 to 255 characters");
        assertThat(result()).contains("Nothing was saved");
        assertThat(service.load().mode()).isEqualTo(MailMode.DEFAULT_SERVICE);
    }

    @Test
    void anUnreadablePortIsSaidBesideTheFieldAndNeverReadAsTheUsualPort() {
        var view = open();
        fillBasic(view.form);
        for (String typed : List.of("25a", "1e3", "0x19", "587.0", "-25", "９９")) {
            test(view.form.server().port).setValue(typed);
            test($(com.vaadin.flow.component.button.Button.class).id("smtp-save"))
                    .click();
            assertThat(view.form.server().port.isInvalid()).as(typed).isTrue();
            assertThat(view.form.server().port.getErrorMessage())
                    .as(typed)
                    .isEqualTo("Enter the port as a number from 1 to 65535, or leave it empty for the usual port");
            assertThat(service.load().mode()).as(typed + ": nothing saved").isEqualTo(MailMode.DEFAULT_SERVICE);

            test($(com.vaadin.flow.component.button.Button.class).id("smtp-test-connection"))
                    .click();
            assertThat(view.form.server().port.isInvalid())
                    .as(typed + " on Test connection")
                    .isTrue();
            assertThat(result()).as(typed + " on Test connection").doesNotContain("Resolve");
        }
        test(view.form.server().port).setValue("99999");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(view.form.server().port.getErrorMessage()).isEqualTo("Enter a port from 1 to 65535");

        test(view.form.server().port).setValue("  ");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(result()).contains("SMTP configuration updated");
        assertThat(service.load().port())
                .as("only an empty field means the usual port")
                .isEqualTo(587);
    }

    @Test
    void oauthSettingsWhoseTokenEndpointCannotBeReachedAreSavedAsInvalidWithAdviceAboutReachingIt() throws Exception {
        var form = open().form;
        test(form.useCustom).click();
        test(form.server().host).setValue("smtp.example.com");
        test(form.sender().senderAddress).setValue("reports@example.com");
        test(form.auth().authType).selectItem("OAuth 2.0");
        test(form.auth().oauthProvider()).selectItem("Other");
        test(form.auth().username()).setValue("reports@example.com");
        test(form.auth().oauthTokenUrl())
                .setValue("https://127.0.0.1:" + dev.mailroom.support.Ports.unusedLoopbackPort() + "/token");
        test(form.auth().oauthClientId()).setValue("mailroom");
        form.auth().clientSecret().setValue(SECRET);
        test(form.auth().oauthScope()).setValue("smtp.send");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();

        assertThat(result())
                .contains("the SMTP configuration was updated, but no OAuth 2.0 token could be obtained.")
                .contains("could not be reached. Check the token URL")
                .as("Mailroom's own code is an English word, not the provider's answer")
                .doesNotContain("unreachable")
                .as("a network problem is not a wrong secret")
                .doesNotContain("client secret");
    }

    @Test
    void savingBasicSettingsSaysUpdatedAndThePasswordComesBackOnlyAsStored() {
        var view = open();
        fillBasic(view.form);
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(result()).contains("SMTP configuration updated");

        var reopened = open();
        assertThat(inUse()).isEqualTo("In use: your custom SMTP server smtp.example.com:587.");
        assertThat(reopened.form.useCustom.getValue()).isTrue();
        assertThat(reopened.form.server().host.getValue()).isEqualTo("smtp.example.com");
        assertThat(reopened.form.auth().password().isReplacing()).isFalse();
        assertThat(reopened.form.auth().password().getElement().getTextRecursively())
                .contains("Stored");
        assertThat(reopened.form.auth().password().getValue()).isEmpty();
        assertThat($(com.vaadin.flow.component.html.UnorderedList.class)
                        .id("smtp-audit")
                        .getElement()
                        .getTextRecursively())
                .contains("saved by Vera")
                .contains("SMTP server", "Sender email address", "Password")
                .doesNotContain("senderAddress");
        UI.getCurrent().setLocale(Languages.POLISH);
        open();
        assertThat($(com.vaadin.flow.component.html.UnorderedList.class)
                        .id("smtp-audit")
                        .getElement()
                        .getTextRecursively())
                .as("fields by their Polish labels")
                .contains("Serwer SMTP")
                .doesNotContain("host,");
    }

    @Test
    void noSecretIsEverInTheStateSentToTheBrowser() {
        var view = open();
        fillBasic(view.form);
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(allStateOf(UI.getCurrent().getElement())).noneMatch(s -> s.contains(SECRET));
        open();
        assertThat(allStateOf(UI.getCurrent().getElement())).noneMatch(s -> s.contains(SECRET));
    }

    @Test
    void anEditSavedMeanwhileByAnotherAdminIsNotOverwritten() {
        service.save(SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .senderAddress("a@example.com")
                .build());
        var view = open();
        fixtures.signInAs(fixtures.newUser(tenant, "Other", Role.ADMIN));
        service.save(
                SmtpSettingsDraft.from(service.load()).senderName("Other admin").build());
        test(view.form.sender().senderName).setValue("Mine");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(result()).contains("Another admin changed these settings");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-reload")).click();
        assertThat(view.form.sender().senderName.getValue()).isEqualTo("Other admin");
    }

    /** Told live, through PostgreSQL, as the API's save is (ApiOnOpenPageEndToEndTest): a remove, too. */
    @Test
    void aRemoveByAnotherAdminIsToldOnTheOpenPageWithItsAuditLine() {
        service.save(SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .senderAddress("a@example.com")
                .build());
        var view = open();
        fixtures.signInAs(fixtures.newUser(tenant, "Otto", Role.ADMIN));
        service.remove(service.load().version());
        await("the remove to be told on the open page")
                .pollInSameThread()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    roundTrip();
                    assertThat(result()).contains("These settings were changed since you opened the page");
                });
        assertThat(view.getElement().getTextRecursively()).contains("Otto");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-reload")).click();
        assertThat(view.form.useCustom.getValue()).isFalse();
    }

    @Test
    void removeAsksFirstThenReturnsToTheDefaultMailService() {
        service.save(SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .senderAddress("a@example.com")
                .build());
        var view = open();
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-remove")).click();
        var dialog = $(ConfirmDialog.class).single();
        assertThat(test(dialog).getHeader()).isEqualTo("Remove SMTP settings?");
        assertThat(service.load().isCustom())
                .as("nothing happens before confirming")
                .isTrue();
        test(dialog).confirm();
        assertThat(service.load().version()).isNull();
        assertThat(view.form.useCustom.getValue()).isFalse();
        assertThat(result()).contains("SMTP settings removed");
        assertThat(inUse()).startsWith("In use: the built-in demo mailbox");
    }

    @Test
    void anUploadedCertificateIsSummarisedAndANonCertificateIsRefusedAtOnce() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.server().trust).selectItem("Custom certificate");
        form.server()
                .caCertificate()
                .uploaded(TestCertificates.validCa("Upload CA").pem());
        assertThat(form.server().caCertificate().getElement().getTextRecursively())
                .contains("CN=Upload CA", "SHA-256");
        form.server().caCertificate().uploaded("not a certificate");
        assertThat(form.server().caCertificate().isInvalid()).isTrue();
        assertThat(form.server().caCertificate().getErrorMessage()).contains("Not a PEM certificate file");
    }

    @Test
    void theSecretInputsHaveAccessibleNamesOfTheirOwn() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.auth().authType).selectItem("Basic (user name and password)");
        assertThat($(com.vaadin.flow.component.textfield.PasswordField.class)
                        .id("smtp-password-input")
                        .getAriaLabel())
                .hasValue("Password");
        test(form.auth().authType).selectItem("OAuth 2.0");
        assertThat($(com.vaadin.flow.component.textfield.PasswordField.class)
                        .id("smtp-client-secret-input")
                        .getAriaLabel())
                .hasValue("Client secret");
    }

    @Test
    void thePageSpeaksPolishAndIndonesian() {
        UI.getCurrent().setLocale(Languages.POLISH);
        var polish = open().form;
        test(polish.useCustom).click();
        polish.server().trust.setValue(dev.mailroom.smtp.CertificateTrust.CUSTOM);
        var upload = $(com.vaadin.flow.component.upload.Upload.class).id(CaCertificateField.ID + "-upload");
        assertThat(upload.getI18n().getAddFiles().getOne()).isEqualTo("Prześlij certyfikat…");
        assertThat(upload.getI18n().getDropFiles().getOne()).isEqualTo("Upuść tutaj plik certyfikatu");
        assertThat($(com.vaadin.flow.component.applayout.DrawerToggle.class)
                        .first()
                        .getAriaLabel())
                .hasValue("Pokaż lub ukryj menu");
        assertThat($(com.vaadin.flow.component.button.Button.class)
                        .id("smtp-save")
                        .getText())
                .isEqualTo("Zapisz");
        test(polish.auth().authType).selectItem("Podstawowa (nazwa użytkownika i hasło)");
        assertThat(String.valueOf($(com.vaadin.flow.component.textfield.PasswordField.class)
                        .id("smtp-password-input")
                        .getElement()
                        .getPropertyRaw("i18n")))
                .as("the reveal button's name, which the web component has in English")
                .contains("Pokaż hasło");
        UI.getCurrent().setLocale(Languages.INDONESIAN);
        var form = open().form;
        assertThat(form.useCustom.getLabel()).isEqualTo("Gunakan setelan email kustom");
    }

    /** Every attribute, property and text node of the element tree: what Vaadin would send to the browser. */
    private static List<String> allStateOf(Element root) {
        var values = new ArrayList<String>();
        collect(root, values);
        return values;
    }

    private static void collect(Element e, List<String> values) {
        e.getAttributeNames().forEach(n -> values.add(String.valueOf(e.getAttribute(n))));
        e.getPropertyNames().forEach(n -> values.add(String.valueOf(e.getProperty(n))));
        if (e.isTextNode()) {
            values.add(e.getText());
        }
        e.getChildren().forEach(c -> collect(c, values));
    }
}
