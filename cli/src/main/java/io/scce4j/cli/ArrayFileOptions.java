package io.scce4j.cli;

import io.scce4j.io.MaskChannel;
import picocli.CommandLine.Option;

/** Where in a file the arrays are: the keys of .npz archives and the channel of RGB mask PNGs. */
final class ArrayFileOptions {
    @Option(names = "--y-true-key", paramLabel = "NAME", defaultValue = "y_true",
            description = "Array of the labels in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yTrueKey;

    @Option(names = "--y-pred-key", paramLabel = "NAME", defaultValue = "y_pred",
            description = "Array of the predictions in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yPredKey;

    @Option(names = "--mask-channel", paramLabel = "CH", defaultValue = "red",
            description = "Channel of an RGB mask PNG that holds the class: red, green, blue, max. "
                    + "Default: ${DEFAULT-VALUE}.")
    MaskChannel maskChannel;
}
