package io.scce4j.cli;

import io.scce4j.api.Tensor;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.ClassPalette;
import io.scce4j.io.ColorMaskException;
import io.scce4j.io.MaskChannel;
import io.scce4j.io.MaskColors;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where in a file the arrays are: the keys of .npz archives, and how an RGB mask PNG's colors become classes (a
 * palette or a channel).
 */
final class ArrayFileOptions {
    @Option(names = "--y-true-key", paramLabel = "NAME", defaultValue = "y_true",
            description = "Array of the labels in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yTrueKey;

    @Option(names = "--y-pred-key", paramLabel = "NAME", defaultValue = "y_pred",
            description = "Array of the predictions in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yPredKey;

    @Option(names = "--mask-channel", paramLabel = "CH",
            description = "Channel of an RGB mask PNG that holds the class: ${COMPLETION-CANDIDATES}. Without it "
                    + "(or --palette) an RGB mask must be gray.")
    MaskChannel maskChannel;

    @Option(names = "--palette", paramLabel = "voc|FILE", completionCandidates = Completions.Palettes.class,
            description = "Read color-coded masks by color: voc (the PASCAL VOC colormap, 255 = void border) or a "
                    + "file with one color per line (R G B or #rrggbb), the first line being class 0.")
    String palette;

    private MaskColors colors;

    /**
     * How masks' colors become classes, from --palette or --mask-channel (not both).
     *
     * @throws IOException when the palette file is missing or malformed
     */
    MaskColors maskColors(CommandLine cl) throws IOException {
        if (colors == null) {
            if (palette != null && maskChannel != null) {
                throw new ParameterException(cl, "give --palette or --mask-channel, not both");
            }
            colors = palette != null ? MaskColors.palette(palette.equals("voc") ? ClassPalette.voc()
                    : ClassPalette.read(Path.of(palette)))
                    : maskChannel != null ? MaskColors.channel(maskChannel) : MaskColors.grayOnly();
        }
        return colors;
    }

    /**
     * The labels of {@code file}; an RGB mask with colors and no way to read them says which options would.
     *
     * @throws IOException when the file is missing, unreadable or malformed
     */
    Tensor readLabels(CommandLine cl, Path file) throws IOException {
        try {
            return ArrayFiles.readLabels(file, yTrueKey, maskColors(cl));
        } catch (ColorMaskException e) {
            throw new IOException(e.problem() + "; add --palette voc (or --palette FILE) to map colors to classes, "
                    + "or --mask-channel red|green|blue|max to read one channel", e);
        }
    }
}
