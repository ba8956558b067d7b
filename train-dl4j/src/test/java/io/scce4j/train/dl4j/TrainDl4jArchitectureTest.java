package io.scce4j.train.dl4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * The cli's ArchitectureTest never sees this module (the cli does not depend on it), so its own rules are here: it
 * depends on the api (and Keras's rules in it) and DL4J and ND4J alone, and does not print.
 */
class TrainDl4jArchitectureTest {
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.scce4j.train.dl4j");

    @Test
    void dependsOnTheApiAndItsLibraryAlone() {
        assertFalse(MODULE.isEmpty());
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.scce4j.api..",
                "io.scce4j.keras..", "io.scce4j.train.dl4j..", "org.nd4j..", "org.deeplearning4j..")
                .because("training modules depend on the api alone among scce4j's modules").check(MODULE);
    }

    @Test
    void doesNotPrint() {
        noClasses().should(GeneralCodingRules.ACCESS_STANDARD_STREAMS).check(MODULE);
    }
}
