package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What the enforcer's banDuplicateClasses cannot settle alone: TensorFlow Java and ND4J both bring protobuf,
 * ND4J and Guice both bring Guava, all on the CLI's one class path.
 */
class DependencyClashTest {

    @Test
    void guavasOwnPublicSuffixTablesWinOverTheCopyInsideNd4jsProtobufJar() throws Exception {
        // ND4J's org.nd4j:protobuf jar carries unrelocated copies of these; the enforcer rule ignores them
        // because Guava comes first on the class path, which is what this pins.
        assertTrue(jarOf("com.google.thirdparty.publicsuffix.PublicSuffixPatterns").contains("/guava-"),
                jarOf("com.google.thirdparty.publicsuffix.PublicSuffixPatterns"));
    }

    @Test
    void tensorflowsProtobufAndNd4jsProtobufAndGuavaLiveInDifferentPackages() throws Exception {
        assertTrue(jarOf("com.google.protobuf.Message").contains("/protobuf-java-"));
        assertTrue(jarOf("org.nd4j.shade.protobuf.Message").contains("/protobuf-1.0.0-M2.1"));
        assertTrue(jarOf("com.google.common.collect.ImmutableList").contains("/guava-31"));
        assertTrue(jarOf("org.nd4j.shade.guava.collect.ImmutableList").contains("/guava-1.0.0-M2.1"));
    }

    @Test
    void theThirdPartyListNamesEveryShippedLibraryWithItsLicenseAndNoTestLibrary() throws Exception {
        String list = java.nio.file.Files.readString(
                java.nio.file.Path.of("target/generated-sources/license/THIRD-PARTY.txt"));
        assertTrue(list.contains("(info.picocli:picocli:"), list);
        assertTrue(list.contains("(org.tensorflow:tensorflow-core-api:"), list);
        assertTrue(list.contains("(org.nd4j:nd4j-native:"), list);
        assertTrue(!list.contains("org.junit"), "JUnit would ship with the CLI:\n" + list);
    }

    private static String jarOf(String className) throws ClassNotFoundException {
        URL where = Class.forName(className, false, DependencyClashTest.class.getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation();
        return where.toString();
    }
}
