package org.tensorflow;

/** A test stand-in in TensorFlow's package, so that the architecture rules can be shown to catch its use. */
public final class StandInTensorFlowClass {
}
