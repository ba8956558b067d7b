package org.nd4j;

/** A test stand-in in ND4J's package, so that the architecture rules can be shown to catch its use. */
public final class StandInNd4jClass {
}
