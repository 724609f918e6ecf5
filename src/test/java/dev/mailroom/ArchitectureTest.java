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

    /** The doors across tenants, each open to the few classes whose work needs it (issue 32). */
    @ArchTest
    static final ArchRule theOperatorsDoorIsTheConsolesAndTheOperatorAccounts = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.mailroom.console.TenantsConsole")
            .and()
            .haveNameNotMatching("dev\\.mailroom\\.api\\.(ApiTokens|TokenOwner)(\\$.*)?")
            .and()
            .resideOutsideOfPackages("dev.mailroom.operator", "dev.mailroom.tenant")
            .should()
            .callMethod(TenantContext.class, "callAsOperator", java.util.function.Supplier.class)
            .because("reading across tenants is for services that checked the caller is an operator, and for the"
                    + " operator accounts, which belong to no tenant");

    @ArchTest
    static final ArchRule theDispatchersDoorIsTheOutboxs = noClasses()
            .that()
            .resideOutsideOfPackages("dev.mailroom.outbox", "dev.mailroom.tenant")
            .should()
            .callMethod(TenantContext.class, "callAsOutboxDispatcher", java.util.function.Supplier.class)
            .because("only the outbox claims every tenant's due mail");

    @ArchTest
    static final ArchRule theSignInDoorIsTheAccountLookups = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.mailroom.users.LoginAccounts")
            .and()
            .doNotHaveFullyQualifiedName("dev.mailroom.users.UserAddresses")
            .and()
            .resideOutsideOfPackage("dev.mailroom.tenant")
            .should()
            .callMethod(TenantContext.class, "callForLogin", String.class, java.util.function.Supplier.class)
            .because("a lookup before anyone is known sees one person, and only these two classes look");

    @ArchTest
    static final ArchRule theLinkDoorIsTheLinkStores = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.mailroom.users.AccountLinks")
            .and()
            .doNotHaveFullyQualifiedName("dev.mailroom.operator.OperatorLinks")
            .and()
            .doNotHaveFullyQualifiedName("dev.mailroom.api.ApiTokens")
            .and()
            .resideOutsideOfPackage("dev.mailroom.tenant")
            .should()
            .callMethod(TenantContext.class, "callForLink", String.class, java.util.function.Supplier.class)
            .because(
                    "following a mailed link (or presenting a token) finds that one row, in the stores that keep them");

    /**
     * What a view calls is guarded where it is decided: a service whose methods carry {@code @PreAuthorize} (on the
     * class or the method). The pages that are for nobody signed in (a mailed link, "Forgot password?") call the
     * two services made for them, which the token or the limits guard instead.
     */
    @ArchTest
    static final ArchRule viewsCallGuardedServices = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that()
            .resideInAPackage("dev.mailroom..ui..")
            .should(
                    new com.tngtech.archunit.lang.ArchCondition<JavaClass>(
                            "call only services guarded by @PreAuthorize") {
                        @Override
                        public void check(JavaClass view, com.tngtech.archunit.lang.ConditionEvents events) {
                            for (var call : view.getMethodCallsFromSelf()) {
                                var owner = call.getTargetOwner();
                                if (!owner.isAnnotatedWith(org.springframework.stereotype.Service.class)
                                        || owner.getName().equals("dev.mailroom.users.AccountSetup")
                                        || owner.getName().equals("dev.mailroom.users.PasswordResets")) {
                                    continue;
                                }
                                boolean guarded = owner.isAnnotatedWith(
                                                org.springframework.security.access.prepost.PreAuthorize.class)
                                        || call.getTarget()
                                                .resolveMember()
                                                .map(m -> m.isAnnotatedWith(
                                                        org.springframework.security.access.prepost.PreAuthorize.class))
                                                .orElse(false);
                                if (!guarded) {
                                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                            call,
                                            call.getDescription() + " reaches a service method without @PreAuthorize"));
                                }
                            }
                        }
                    });
}
