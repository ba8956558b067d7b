package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.io.Npy;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scce4j loss}: the loss (and its gradient) of .npy inputs on one backend. */
@Command(name = "loss", mixinStandardHelpOptions = true,
        description = {"Compute the SparseCategoricalCrossentropy loss on one backend.",
            "Without --y-true/--y-pred it runs the embedded example (a 3 x 3 x 2 batch from a Keras forum post)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "3:Bad input.", "4:Backend missing or unavailable."},
        footer = {"", "Output dtype: float32 (keras3), the input's for keras2 and keras2-legacy. "
                + "The gradient has y_pred's shape and dtype.",
            "--out and --gradient-out write .npy files (any other extension is a usage error).",
            "", "Example:",
            "  scce4j loss --y-true mask.png --y-pred pred.npy --ignore-class 255",
            "  scce4j loss --y-true mask.npy --y-pred pred.npy --reduction none \\",
            "      --out loss.npy --gradient-out grad.npy"})
final class LossCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Mixin
    LossInputOptions inputs;

    @Option(names = "--backend", paramLabel = "ID", completionCandidates = Completions.BackendIds.class,
            description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--out", paramLabel = "FILE.npy", description = "Write the loss to this .npy file.")
    String out;

    @Option(names = "--gradient-out", paramLabel = "FILE.npy",
            description = "Also compute d(loss)/d(y_pred) and write it to this .npy file.")
    String gradientOut;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    LossCommand(BackendSelector selector) {
        this.selector = selector;
    }

    @Override
    public Integer call() throws Exception {
        // Output names are checked before anything is read or computed: a bad one costs nothing.
        Path outFile = out == null ? null
                : OutputTarget.file(spec.commandLine(), "--out", out, OutputTarget.npyOnly()).path();
        Path gradientFile = gradientOut == null ? null
                : OutputTarget.file(spec.commandLine(), "--gradient-out", gradientOut, OutputTarget.npyOnly()).path();
        List<Scenario> scenarios = inputs.scenarios();
        if (scenarios.size() > 1 && (out != null || gradientOut != null)) {
            throw new ParameterException(spec.commandLine(), "--out and --gradient-out need input files "
                    + "(or --profile, to run the embedded example once)");
        }
        PrintWriter w = spec.commandLine().getOut();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        try (Backend b = selector.open(backend)) {
            for (Scenario s : scenarios) {
                SparseCategoricalCrossentropy loss = b.loss(s.options);
                Tensor value;
                Tensor gradient = null;
                Tensor perElement;
                try {
                    if (gradientFile != null) {
                        LossWithGradient lg = loss.computeWithGradient(s.yTrue, s.yPred, s.sampleWeight);
                        value = lg.value();
                        gradient = lg.gradient();
                    } else {
                        value = loss.compute(s.yTrue, s.yPred, s.sampleWeight);
                    }
                    perElement = s.embedded && s.options.reduction() != Reduction.NONE
                            ? b.loss(s.options.toBuilder().reduction(Reduction.NONE).build())
                                    .compute(s.yTrue, s.yPred, s.sampleWeight)
                            : null;
                } catch (InvalidInputException e) {
                    throw s.located(e);
                }
                s.warn(spec.commandLine().getErr());
                if (outFile != null) {
                    Npy.write(outFile, value);
                }
                if (gradientFile != null) {
                    Npy.write(gradientFile, gradient);
                }
                if (format == Format.json) {
                    ObjectNode r = results.addObject();
                    r.put("input", s.description).put("backend", b.id()).put("options", s.options.toString());
                    r.set("loss", Output.tensor(value));
                    if (perElement != null) {
                        r.set("per_element", Output.tensor(perElement));
                    }
                } else {
                    w.println(s.description + ", " + s.options.reduction() + ", backend " + b.id());
                    w.println("loss: " + Output.array(value, outFile == null ? "--out" : null) + " ("
                            + value.dtype() + ")");
                    if (perElement != null) {
                        w.println("per-element loss:");
                        w.println(Output.array(perElement));
                    }
                    if (outFile != null) {
                        w.println("wrote " + outFile);
                    }
                    if (gradientFile != null) {
                        w.println("wrote gradient " + gradient.dtype() + " " + gradient.shape() + " to "
                                + gradientFile);
                    }
                    w.println();
                }
            }
        }
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("results", results);
            w.println(Output.JSON.writeValueAsString(root));
        }
        w.flush();
        return ExitCodes.OK;
    }
}
