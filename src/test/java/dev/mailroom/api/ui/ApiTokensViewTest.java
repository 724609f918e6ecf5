package dev.mailroom.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.api.ApiToken;
import dev.mailroom.api.ApiTokens;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Administration → API tokens: a token is shown once, listed without itself, and revoked. */
@MailroomTest
class ApiTokensViewTest extends SpringBrowserlessTest {

    static final int REVOKE = 6;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    dev.mailroom.operator.OperatorAccounts operators;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void anAdminMakesATokenSeesItOnceAndRevokesIt() {
        var admin = fixtures.newUser(fixtures.newTenant("Tokens"), "Tess", Role.ADMIN);
        fixtures.signInAs(admin);
        UI.getCurrent().navigate("");
        var view = navigate(ApiTokensView.class);
        assertThat(test(view.grid).size()).isZero();

        test(view.name).setValue("deploy");
        test($(Button.class).id("api-tokens-create")).click();
        String secret = $(TextField.class).id("api-tokens-secret").getValue();
        assertThat(secret).startsWith("mrt_");
        assertThat(test(view.grid).size()).isEqualTo(1);
        ApiToken listed = test(view.grid).getRow(0);
        assertThat(listed.name()).isEqualTo("deploy");
        assertThat(listed.toString()).doesNotContain(secret);
        assertThat(tokens.authenticate(secret)).as("the token works").isPresent();

        test($(Button.class).id("api-tokens-close")).click();
        assertThat($(TextField.class).withId("api-tokens-secret").exists())
                .as("shown once")
                .isFalse();

        test((Button) test(view.grid).getCellComponent(0, REVOKE)).click();
        assertThat(view.result.getText()).isEqualTo("Token deploy revoked.");
        assertThat(tokens.authenticate(secret)).as("stops at once").isEmpty();
        assertThat(((Button) test(view.grid).getCellComponent(0, REVOKE)).isEnabled())
                .as("a revoked token cannot be revoked again")
                .isFalse();
    }

    @Test
    void aNameIsNeeded() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Nameless"), "Nia", Role.ADMIN));
        UI.getCurrent().navigate("");
        var view = navigate(ApiTokensView.class);
        test($(Button.class).id("api-tokens-create")).click();
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).isEqualTo("Enter a name of 1 to 80 characters");
        assertThat(test(view.grid).size()).isZero();
    }

    @Test
    void anOperatorMakesPlatformTokensOnTheSamePageAndSeesNoTenantsTokens() {
        var admin = fixtures.newUser(fixtures.newTenant("Tenant-Tokens"), "Tom", Role.ADMIN);
        fixtures.signInAs(admin);
        tokens.create("tenant-deploy", java.time.Duration.ofDays(30));
        fixtures.signOut();
        String operator = "op." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@platform.test";
        operators.addOperator(operator, "Otto Operator", "Operator-Pa55word");
        fixtures.signInAs(operator);
        UI.getCurrent().navigate("");
        UI.getCurrent().navigate("operator/api-tokens");
        var view = $(ApiTokensView.class).single();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).all())
                .anySatisfy(p -> assertThat(p.getText()).startsWith("A platform token lets a script"));
        // Platform tokens are the platform's: every operator sees all of them, and no tenant's.
        assertThat(tokens.list()).extracting(ApiToken::name).doesNotContain("tenant-deploy");

        test(view.name).setValue("provisioning");
        test($(Button.class).id("api-tokens-create")).click();
        String secret = $(TextField.class).id("api-tokens-secret").getValue();
        assertThat(tokens.authenticate(secret))
                .hasValueSatisfying(caller -> assertThat(caller.platform()).isTrue());
        assertThat(test(view.grid).getRow(0).createdBy()).isEqualTo("Otto Operator");
        assertThat(test(view.grid).getRow(0).name()).isEqualTo("provisioning");
    }
}
