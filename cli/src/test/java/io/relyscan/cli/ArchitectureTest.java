package io.relyscan.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.relyscan.core.rule.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md section 2, enforced on the compiled production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.relyscan");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void onlyCollectorsTouchTheAwsSdk() {
        check(noClasses().that().resideOutsideOfPackage("io.relyscan.collectors..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.."));
    }

    @Test
    void onlyCollectorsUseResilience4j() {
        check(noClasses().that().resideOutsideOfPackage("io.relyscan.collectors..")
                .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j.."));
    }

    @Test
    void onlyCliTouchesPicocli() {
        check(noClasses().that().resideOutsideOfPackage("io.relyscan.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli.."));
    }

    @Test
    void onlyMainExits() {
        check(noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "exit", int.class));
    }

    @Test
    void onlyTheConfigPackageReadsYaml() {
        check(noClasses().that().resideOutsideOfPackage("io.relyscan.cli.config..")
                .should().dependOnClassesThat().resideInAPackage("org.snakeyaml.."));
    }

    @Test
    void coreDependsOnNoOtherModuleOrLibrary() {
        check(noClasses().that().resideInAPackage("io.relyscan.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.relyscan.collectors..",
                        "io.relyscan.rules..", "io.relyscan.report..", "io.relyscan.cli..",
                        "com.fasterxml..", "software.amazon.."));
    }

    @Test
    void rulesDependOnlyOnCore() {
        check(noClasses().that().resideInAPackage("io.relyscan.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.relyscan.collectors..",
                        "io.relyscan.report..", "io.relyscan.cli..", "com.fasterxml.."));
    }

    @Test
    void rulesArePure() {
        check(noClasses().that().resideInAPackage("io.relyscan.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
                        "java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random"));
    }

    @Test
    void rulesAreFinalAndStateless() {
        check(classes().that().implement(Rule.class).should().haveModifier(
                com.tngtech.archunit.core.domain.JavaModifier.FINAL));
        check(fields().that().areDeclaredInClassesThat().implement(Rule.class)
                .should().beStatic().andShould().beFinal().allowEmptyShould(true));
    }

    @Test
    void reportersDoNotReachAws() {
        check(noClasses().that().resideInAPackage("io.relyscan.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.relyscan.collectors..",
                        "io.relyscan.rules..", "io.relyscan.cli.."));
    }
}
