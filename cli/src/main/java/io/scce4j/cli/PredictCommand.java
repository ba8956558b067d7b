package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.Npy;
import io.scce4j.io.PngMasks;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scce4j predict}: the argmax mask of a .npy prediction. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Compute the predicted mask: argmax over the last axis, ties to the smallest class, NaN "
                + "skipped as TensorFlow's CPU kernel does.",
            "Without --y-pred it uses the embedded example batch."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "3:Bad input.", "4:Backend missing or unavailable."},
        footer = {"", "The mask is int32 with y_pred's shape without the class axis. PNG output uses the PASCAL VOC "
                + "colormap (class 0 black, 1 dark red, 2 dark green, 3 olive, ...; 16-bit gray from class 256).",
            "", "Example:", "  scce4j predict --y-pred pred.npz --out mask.png --legend --image photo.png "
                + "--overlay overlay.png"})
final class PredictCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-pred", paramLabel = "FILE", description = "Probabilities or logits, .npy or .npz.")
    Path yPred;

    @Option(names = "--y-pred-key", paramLabel = "NAME", defaultValue = "y_pred",
            description = "Array of --y-pred in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yPredKey;

    @Option(names = "--legend", description = "With --out F.png: add the classes' colors beside the mask.")
    boolean legend;

    @Option(names = "--image", paramLabel = "FILE", description = "The photo the prediction was made for (PNG).")
    Path image;

    @Option(names = "--overlay", paramLabel = "FILE", description = "With --image: write the mask blended over it.")
    Path overlay;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the mask: .npy (int32) or .png (colored, the documented VOC palette).")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    PredictCommand(BackendSelector selector) {
        this.selector = selector;
    }

    @Override
    public Integer call() throws Exception {
        if (overlay != null && image == null) {
            throw new ParameterException(spec.commandLine(), "--overlay needs --image");
        }
        Tensor pred = yPred == null ? EmbeddedExample.yPredFloat32() : ArrayFiles.read(yPred, yPredKey);
        PrintWriter w = spec.commandLine().getOut();
        Tensor mask;
        String id;
        try (Backend b = selector.open(backend)) {
            mask = b.predictor().predict(pred);
            id = b.id();
        }
        if (out != null) {
            if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                PngMasks.write(out, legend ? PngMasks.withLegend(mask) : PngMasks.image(mask));
            } else {
                Npy.write(out, mask);
            }
        }
        if (overlay != null) {
            PngMasks.write(overlay, PngMasks.overlay(mask, PngMasks.decode(image)));
        }
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("backend", id);
            root.set("mask", Output.tensor(mask));
            w.println(Output.JSON.writeValueAsString(root));
        } else {
            w.println("mask (" + mask.dtype() + " " + mask.shape() + ", backend " + id + "):");
            w.println(Output.array(mask));
            if (out != null) {
                w.println("wrote " + out);
            }
        }
        w.flush();
        return ExitCodes.OK;
    }
}
