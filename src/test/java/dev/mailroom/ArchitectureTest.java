package dev.mailroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.mailroom.tenant.TenantContext;
import org.springframework.data.repository.Repository;

@AnalyzeClasses(packages = "dev.mailroom", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule servicesDoNotKnowTheViews = noClasses()
            .that()
            .resideOutsideOfPackages("dev.mailroom..ui..")
            // Vaadin's security configurer is told which view is the login page.
            .and()
            .doNotHaveSimpleName("SecurityConfig")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mailroom..ui..")
            .because("views call services, never the other way round");

    @ArchTest
    static final ArchRule viewsDoNotTouchRepositories = noClasses()
            .that()
            .resideInAPackage("dev.mailroom..ui..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(Repository.class)
            .because("services hold the rules and the tenant checks");

    @ArchTest
    static final ArchRule viewsNeverTouchSql = noClasses()
            .that()
            .resideInAPackage("dev.mailroom..ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Store")
            .because("views call services; SQL lives in the stores behind them");

    @ArchTest
    static final ArchRule viewsNeverChooseTheTenant = noClasses()
            .that()
            .resideInAPackage("dev.mailroom..ui..")
            .should()
            .callMethod(TenantContext.class, "callAsTenant", java.util.UUID.class, java.util.function.Supplier.class)
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Provisioning")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleName("LoginAccounts")
            .because("the tenant comes from the signed-in user, never from the UI");

    @ArchTest
    static final ArchRule viewsNeverHoldDecryptedSecrets = noClasses()
            .that()
            .resideInAPackage("dev.mailroom..ui..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("dev.mailroom.mail.SmtpTarget")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("dev.mailroom.secrets..")
            .because("a resolved target carries decrypted secrets, which never go near the browser");

    /**
     * Features (their domain, services and views) depend on each other in one direction only. The application
     * shell ({@code dev.mailroom.ui}: layout, navigation, home) is the layer above all of them: it links every
     * feature's views, and they use its layout, so it is no feature slice of its own.
     */
    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String[] parts = javaClass.getPackageName().split("\\.");
                    return parts.length < 3 || parts[2].equals("ui")
                            ? SliceIdentifier.ignore()
                            : SliceIdentifier.of(parts[2]);
                }

                @Override
                public String getDescription() {
                    return "features of dev.mailroom, the application shell (dev.mailroom.ui) above them";
                }
            })
            .should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule theTransportKnowsNothingOfTheSettingsPage = noClasses()
            .that()
            .resideInAPackage("dev.mailroom.mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mailroom.smtp..", "dev.mailroom.outbox..", "dev.mailroom.status..")
            .because("mail is a transport: settings, outbox and status use it, never the other way round "
                    + "(docs/decisions/013-settings-model-and-transport.md)");
}
