package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.PngMasks;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        footer = {"", "The mask is int32 with y_pred's shape without the class axis.",
            "--out by extension: .npy writes the int32 mask as it is (a batch in one file); .png writes an 8-bit "
                + "palette PNG whose values are the classes, in the PASCAL VOC colors (16-bit gray from class "
                + "256). Any other extension is a usage error.",
            "A PNG holds one image: y_pred [H, W, C] and [1, H, W, C] give one file; a batch [N, H, W, C] needs "
                + "a folder (--out masks/ writes masks/STEM-0.png ..., STEM being y_pred's file name without "
                + "extension) or a pattern (--out mask-{n}.png), numbered from 0.",
            "--legend writes the colored mask with a key of its classes to another file, beside each mask "
                + "(mask-legend.png) or where --legend=FILE says.",
            "", "Example:",
            "  scce4j predict --y-pred pred.npz --out mask.png --legend",
            "  scce4j predict --y-pred batch.npy --out masks/",
            "  scce4j predict --y-pred pred.npz --out mask.npy \\",
            "      --image photo.png --overlay overlay.png"})
final class PredictCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-pred", paramLabel = "FILE", description = "Probabilities or logits, .npy or .npz.")
    Path yPred;

    @Option(names = "--y-pred-key", paramLabel = "NAME", defaultValue = "y_pred",
            description = "Array of --y-pred in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yPredKey;

    @Option(names = "--legend", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "Also write the colored mask with a key of its classes (PNG): to FILE, or, without "
                    + "FILE, beside each mask as NAME-legend.png. The mask itself stays a mask.")
    String legend;

    @Option(names = "--image", paramLabel = "FILE", description = "The photo the prediction was made for (PNG).")
    Path image;

    @Option(names = "--overlay", paramLabel = "FILE.png",
            description = "With --image: write the mask blended over it (PNG).")
    String overlay;

    @Option(names = "--backend", paramLabel = "ID", completionCandidates = Completions.BackendIds.class,
            description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--out", paramLabel = "FILE|DIR/",
            description = "Write the mask: .npy (int32) or .png (palette, value = class); for a batch of PNGs a "
                    + "folder (DIR/) or a name with {n}.")
    String out;

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
        OutputTarget maskTarget = out == null ? null
                : OutputTarget.perImage(spec.commandLine(), "--out", out, OutputTarget.npyOrPng());
        OutputTarget legendTarget = legend == null || legend.isEmpty() ? null
                : OutputTarget.perImage(spec.commandLine(), "--legend", legend, OutputTarget.pngOnly());
        if (legend != null && legend.isEmpty() && maskTarget == null) {
            throw new ParameterException(spec.commandLine(), "--legend needs a FILE, or --out to write it beside");
        }
        Path overlayFile = overlay == null ? null
                : OutputTarget.file(spec.commandLine(), "--overlay", overlay, OutputTarget.pngOnly()).path();
        Tensor pred = yPred == null ? EmbeddedExample.yPredFloat32() : ArrayFiles.read(yPred, yPredKey);
        String stem = yPred == null ? "mask" : ArrayFiles.stem(yPred);
        MaskFiles files = MaskFiles.plan(spec.commandLine(), pred.shape().withoutLast(), stem, maskTarget,
                legend == null ? null : legendTarget, legend != null, overlayFile != null);
        Tensor mask;
        String id;
        try (Backend b = selector.open(backend)) {
            mask = b.predictor().predict(pred);
            id = b.id();
        }
        List<String> wrote = new ArrayList<>(files.write(mask));
        if (overlayFile != null) {
            PngMasks.write(overlayFile, PngMasks.overlay(files.image(mask, 0), PngMasks.decode(image)));
            wrote.add("overlay " + overlayFile);
        }
        print(mask, id, wrote);
        return ExitCodes.OK;
    }

    private void print(Tensor mask, String id, List<String> wrote) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("backend", id);
            root.set("mask", Output.tensor(mask));
            ArrayNode files = root.putArray("wrote");
            wrote.forEach(files::add);
            w.println(Output.JSON.writeValueAsString(root));
        } else {
            w.println("mask (" + mask.dtype() + " " + mask.shape() + ", backend " + id + "):");
            w.println(Output.array(mask, out == null ? "--out" : null));
            for (String file : wrote) {
                w.println("wrote " + file);
            }
        }
        w.flush();
    }
}
