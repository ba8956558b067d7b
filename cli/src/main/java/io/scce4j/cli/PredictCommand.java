package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.Tensor;
import io.scce4j.cli.npy.Npy;
import io.scce4j.discovery.BackendSelector;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scce4j predict}: the argmax mask of a .npy prediction. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Compute the predicted mask: argmax over the last axis, ties to the smallest class, NaN "
                + "skipped as TensorFlow's CPU kernel does.",
            "Without --y-pred it uses the embedded forum example."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "3:Bad input.", "4:Backend missing or unavailable."},
        footer = {"", "The mask is int32 with y_pred's shape without the class axis.", "", "Example:",
            "  scce4j predict --y-pred pred.npy --out mask.npy"})
final class PredictCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-pred", paramLabel = "FILE", description = "Probabilities or logits, .npy.")
    Path yPred;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the int32 mask to this .npy file.")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    PredictCommand(BackendSelector selector) {
        this.selector = selector;
    }

    @Override
    public Integer call() throws Exception {
        Tensor pred = yPred == null ? ForumExample.yPredFloat32() : Npy.read(yPred);
        PrintWriter w = spec.commandLine().getOut();
        Tensor mask;
        String id;
        try (Backend b = selector.open(backend)) {
            mask = b.predictor().predict(pred);
            id = b.id();
        }
        if (out != null) {
            Npy.write(out, mask);
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
