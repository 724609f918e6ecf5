package dev.mailroom.smtp.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
        test(form.host).setValue("smtp.example.com");
        test(form.senderAddress).setValue("noreply@example.com");
        test(form.authType).selectItem("Basic (user name and password)");
        test(form.username).setValue("mailer");
        form.password.setValue(SECRET);
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
        assertThat(form.host.isVisible()
                        && form.host
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
        assertThat(form.password.isVisible()).isFalse();

        test(form.authType).selectItem("Basic (user name and password)");
        assertThat(form.username.isVisible() && form.password.isVisible()).isTrue();
        assertThat(form.oauthClientId.isVisible()).isFalse();

        test(form.authType).selectItem("OAuth 2.0");
        assertThat(form.password.isVisible()).isFalse();
        assertThat(form.oauthProvider.isVisible()
                        && form.oauthClientId.isVisible()
                        && form.clientSecret.isVisible()
                        && form.oauthDirectoryId.isVisible())
                .isTrue();
        assertThat(form.oauthTokenUrl.isVisible())
                .as("Microsoft needs no token URL")
                .isFalse();
        assertThat(form.oauthProvider.getLabel())
                .as("two different choices, two different names")
                .isNotEqualTo(form.preset.getLabel());
        test(form.oauthProvider).selectItem("Other");
        assertThat(form.oauthTokenUrl.isVisible()).isTrue();
        assertThat(form.oauthDirectoryId.isVisible()).isFalse();

        test(form.trust).selectItem("Custom certificate");
        assertThat(form.caCertificate.isVisible()).isTrue();
        test(form.security).selectItem("None");
        assertThat(form.caCertificate.isVisible()).as("no TLS, no certificate").isFalse();
        assertThat(form.minTls.isVisible()).isFalse();
    }

    @Test
    void theSecurityModeFillsTheUsualPortUnlessTheAdminTypedOne() {
        var form = open().form;
        test(form.useCustom).click();
        assertThat(form.port.getValue()).isEqualTo("587");
        test(form.security).selectItem("SSL/TLS");
        assertThat(form.port.getValue()).isEqualTo("465");
        test(form.security).selectItem("None");
        assertThat(form.port.getValue()).isEqualTo("25");
        test(form.port).setValue("2525");
        test(form.security).selectItem("STARTTLS");
        assertThat(form.port.getValue()).isEqualTo("2525");
    }

    @Test
    void aPastedNameAndAddressAreSplitIntoTheTwoFields() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.senderAddress).setValue("Pusat Layanan <layanan@example.co.id>");
        assertThat(form.senderName.getValue()).isEqualTo("Pusat Layanan");
        assertThat(form.senderAddress.getValue()).isEqualTo("layanan@example.co.id");
    }

    @Test
    void aPresetFillsTheUsualSettings() {
        var form = open().form;
        test(form.useCustom).click();
        test(form.preset).selectItem("Microsoft 365");
        assertThat(form.host.getValue()).isEqualTo("smtp.office365.com");
        assertThat(form.security.getValue()).isEqualTo(ConnectionSecurity.STARTTLS);
        assertThat(form.port.getValue()).isEqualTo("587");
        assertThat(form.authType.getValue()).isEqualTo(AuthType.OAUTH2);
        assertThat(form.oauthProvider.getValue()).isEqualTo(OAuthProvider.MICROSOFT);
    }

    @Test
    void badInputIsShownNextToTheFieldAndNothingIsSaved() {
        var view = open();
        fillBasic(view.form);
        test(view.form.host).setValue("smtp://mail.example.com");
        view.form.password.setValue("short");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(view.form.host.isInvalid()).isTrue();
        assertThat(view.form.host.getErrorMessage()).contains("without smtp://");
        assertThat(view.form.password.isInvalid()).isTrue();
        assertThat(view.form.password.getErrorMessage()).isEqualTo("The password must have 8 to 255 characters");
        assertThat(result()).contains("Nothing was saved");
        assertThat(service.load().mode()).isEqualTo(MailMode.DEFAULT_SERVICE);
    }

    @Test
    void anUnreadablePortIsSaidBesideTheFieldAndNeverReadAsTheUsualPort() {
        var view = open();
        fillBasic(view.form);
        for (String typed : List.of("25a", "1e3", "0x19", "587.0", "-25", "９９")) {
            test(view.form.port).setValue(typed);
            test($(com.vaadin.flow.component.button.Button.class).id("smtp-save"))
                    .click();
            assertThat(view.form.port.isInvalid()).as(typed).isTrue();
            assertThat(view.form.port.getErrorMessage())
                    .as(typed)
                    .isEqualTo("Enter the port as a number from 1 to 65535, or leave it empty for the usual port");
            assertThat(service.load().mode()).as(typed + ": nothing saved").isEqualTo(MailMode.DEFAULT_SERVICE);

            test($(com.vaadin.flow.component.button.Button.class).id("smtp-test-connection"))
                    .click();
            assertThat(view.form.port.isInvalid())
                    .as(typed + " on Test connection")
                    .isTrue();
            assertThat(result()).as(typed + " on Test connection").doesNotContain("Resolve");
        }
        test(view.form.port).setValue("99999");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(view.form.port.getErrorMessage()).isEqualTo("Enter a port from 1 to 65535");

        test(view.form.port).setValue("  ");
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
        test(form.host).setValue("smtp.example.com");
        test(form.senderAddress).setValue("reports@example.com");
        test(form.authType).selectItem("OAuth 2.0");
        test(form.oauthProvider).selectItem("Other");
        test(form.username).setValue("reports@example.com");
        test(form.oauthTokenUrl)
                .setValue("https://127.0.0.1:" + dev.mailroom.support.Ports.unusedLoopbackPort() + "/token");
        test(form.oauthClientId).setValue("mailroom");
        form.clientSecret.setValue(SECRET);
        test(form.oauthScope).setValue("smtp.send");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();

        assertThat(result())
                .contains("the SMTP configuration was updated, but no OAuth 2.0 token could be obtained (unreachable)")
                .contains("could not be reached. Check the token URL")
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
        assertThat(reopened.form.host.getValue()).isEqualTo("smtp.example.com");
        assertThat(reopened.form.password.isReplacing()).isFalse();
        assertThat(reopened.form.password.getElement().getTextRecursively()).contains("Stored");
        assertThat(reopened.form.password.getValue()).isEmpty();
        assertThat($(com.vaadin.flow.component.html.UnorderedList.class)
                        .id("smtp-audit")
                        .getElement()
                        .getTextRecursively())
                .contains("saved by Vera");
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
        test(view.form.senderName).setValue("Mine");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-save")).click();
        assertThat(result()).contains("Another admin changed these settings");
        test($(com.vaadin.flow.component.button.Button.class).id("smtp-reload")).click();
        assertThat(view.form.senderName.getValue()).isEqualTo("Other admin");
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
        test(form.trust).selectItem("Custom certificate");
        form.caCertificate.uploaded(TestCertificates.validCa("Upload CA").pem());
        assertThat(form.caCertificate.getElement().getTextRecursively()).contains("CN=Upload CA", "SHA-256");
        form.caCertificate.uploaded("not a certificate");
        assertThat(form.caCertificate.isInvalid()).isTrue();
        assertThat(form.caCertificate.getErrorMessage()).contains("Not a PEM certificate file");
    }

    @Test
    void thePageSpeaksPolishAndIndonesian() {
        UI.getCurrent().setLocale(Languages.POLISH);
        open();
        assertThat($(com.vaadin.flow.component.button.Button.class)
                        .id("smtp-save")
                        .getText())
                .isEqualTo("Zapisz");
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
