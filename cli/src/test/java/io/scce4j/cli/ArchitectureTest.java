package io.scce4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module graph as rules over every scce4j class on this module's class path (api, io, eval, guice, cli and
 * the backends): the api depends on the JDK alone, backends on the api alone, native libraries stay in their
 * backend (or the training module built on the same library: train-tf, train-dl4j, which the cli never sees),
 * Guice and picocli in the composition root, io and eval are libraries that a program without the cli (a Spark
 * job) can use, no cycles, and no library code prints.
 *
 * <p>Each rule is written for a root package so that {@link #theRulesCatchADeliberatelyBadClassSet()} can run
 * it against the broken classes in {@code io.scce4j.archfixture} (with stand-ins in TensorFlow's and ND4J's
 * packages) and show that every rule fails there.
 */
class ArchitectureTest {

    static List<ArchRule> rules(String root) {
        String api = root + ".api..";
        String spi = root + ".spi..";
        String keras = root + ".keras..";
        String discovery = root + ".discovery..";
        String backends = root + ".backend..";
        String cli = root + ".cli..";
        String guice = root + ".guice..";
        String conformance = root + ".conformance..";
        String io = root + ".io..";
        String eval = root + ".eval..";
        return List.of(
                classes().that().resideInAnyPackage(api, keras, spi, discovery)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(api, keras, spi, discovery, "java..")
                        .as("the api depends on the JDK alone"),
                classes().that().resideInAPackage(keras)
                        .should().onlyDependOnClassesThat().resideInAnyPackage(api, keras, "java..")
                        .as("Keras's rules depend on the JDK and the api's types alone"),
                slices().matching(root + ".backend.(*)..").should().notDependOnEachOther()
                        .as("backends do not depend on each other"),
                noClasses().that().resideInAPackage(backends)
                        .should().dependOnClassesThat().resideInAnyPackage(cli, guice)
                        .as("backends do not depend on the cli or the Guice module"),
                noClasses().that().resideOutsideOfPackages(root + ".backend.tf..", root + ".train.tf..")
                        .should().dependOnClassesThat().resideInAPackage("org.tensorflow..")
                        .as("only backend-tf and train-tf touch TensorFlow"),
                noClasses().that().resideOutsideOfPackages(root + ".backend.nd4j..", root + ".train.dl4j..")
                        .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..",
                                "org.deeplearning4j..")
                        .as("only backend-nd4j and train-dl4j touch ND4J or DL4J"),
                noClasses().that().resideOutsideOfPackages(cli, guice)
                        .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "picocli..",
                                "jakarta.inject..")
                        .as("Guice and picocli stay in the composition root"),
                noClasses().that().resideInAnyPackage(cli, guice, conformance)
                        .should().dependOnClassesThat().resideInAPackage(backends)
                        .as("the cli, the Guice module and the conformance kit never name a backend class"),
                noClasses().that().resideInAnyPackage(io, eval)
                        .should().dependOnClassesThat().resideInAnyPackage(backends, "org.tensorflow..", "org.nd4j..",
                                "com.google.inject..", "picocli..", cli)
                        .as("io and eval name no backend, TensorFlow, ND4J, Guice, picocli or cli class"),
                noClasses().that().resideInAPackage(io)
                        .should().dependOnClassesThat().resideInAPackage(eval)
                        .as("io does not depend on eval"),
                slices().matching(root + ".(*)..").should().beFreeOfCycles()
                        .as("packages form no cycle"),
                noClasses().that().resideOutsideOfPackage(cli)
                        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                        .as("library code does not write to System.out or System.err"));
    }

    @Test
    void theProjectKeepsItsArchitecture() {
        JavaClasses project = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // io's HostileFiles, once packaged
                .importPackages("io.scce4j");
        assertTrue(project.stream().anyMatch(c -> c.getPackageName().startsWith("io.scce4j.backend.cpu")),
                "the backends must be on the class path for the rules to mean anything");
        for (ArchRule rule : rules("io.scce4j")) {
            rule.check(project);
        }
    }

    @Test
    void theRulesCatchADeliberatelyBadClassSet() {
        JavaClasses bad = new ClassFileImporter().importPackages("io.scce4j.archfixture");
        for (ArchRule rule : rules("io.scce4j.archfixture")) {
            assertTrue(rule.evaluate(bad).hasViolation(), "should fail: " + rule.getDescription());
        }
        assertFalse(bad.isEmpty());
    }
}
