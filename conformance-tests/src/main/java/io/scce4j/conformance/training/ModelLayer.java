package io.scce4j.conformance.training;

/**
 * One layer of the reference model as Keras defined it; a trainer rebuilds the model from these (and checks that
 * it builds what it expects).
 *
 * @param name the Keras layer name, which prefixes its weights' names
 * @param type the Keras class, {@code Conv2D}
 * @param filters the output channels
 * @param kernelHeight the kernel's height
 * @param kernelWidth the kernel's width
 * @param padding {@code same} or {@code valid}
 * @param activation {@code relu} or {@code softmax}
 */
public record ModelLayer(String name, String type, int filters, int kernelHeight, int kernelWidth, String padding,
        String activation) {
}
