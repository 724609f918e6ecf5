package dev.mailroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
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
            .haveFullyQualifiedName("dev.mailroom.smtp.SmtpTarget")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("dev.mailroom.secrets..")
            .because("a resolved target carries decrypted secrets, which never go near the browser");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("dev.mailroom.(*)..")
            .should()
            .beFreeOfCycles()
            // Views are the top layer: the SMTP page may use the mail feature that itself reads SMTP settings.
            .ignoreDependency(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.mailroom..ui.."),
                    com.tngtech.archunit.base.DescribedPredicate.alwaysTrue());
}
