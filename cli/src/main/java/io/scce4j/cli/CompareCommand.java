package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.io.PngMasks;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scce4j compare}: every backend on the same inputs, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run several backends on the same inputs and show each one's loss, its largest deviation "
                + "from the others, whether the masks agree, and the time of one call.",
            "Without --y-true/--y-pred it runs the embedded example (a 3 x 3 x 2 batch from a Keras forum post): "
                + "float64 with keras2-legacy (the numbers the post printed), float64 with keras2, and float32 with "
                + "keras3."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:All backends agree within the tolerance.", "1:A deviation exceeds the tolerance or "
                + "masks differ.", "2:Usage error.", "3:Bad input.", "4:Backend missing or unavailable."},
        footer = {"", "Example:", "  scce4j compare",
            "  scce4j compare --y-true mask.npy --y-pred pred.npy --backends cpu,tf \\",
            "      --heatmap heat.png"})
final class CompareCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Mixin
    LossInputOptions inputs;

    @Option(names = "--backends", paramLabel = "IDS", split = ",", completionCandidates = Completions.BackendIds.class,
            description = "Backends to compare (default: every available one).")
    List<String> backends;

    @Option(names = "--atol", defaultValue = "1e-6", description = "Absolute tolerance. Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-5", description = "Relative tolerance. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--heatmap", paramLabel = "FILE.png",
            description = "Write a PNG of the first image of the batch: the first backend's per-pixel loss with "
                    + "its color scale (void pixels apart), and where each other backend disagrees with it.")
    String heatmap;

    @Inject
    CompareCommand(BackendSelector selector) {
        this.selector = selector;
    }

    /** One backend's results on one scenario. */
    private static final class Run {
        final String id;
        final String version;
        final Tensor value;
        final Tensor perElement;
        final Tensor mask;
        final double millis;
        Deviation deviation = Deviation.NONE;
        int masksAgree;

        Run(String id, String version, Tensor value, Tensor perElement, Tensor mask, double millis) {
            this.id = id;
            this.version = version;
            this.value = value;
            this.perElement = perElement;
            this.mask = mask;
            this.millis = millis;
        }
    }

    @Override
    public Integer call() throws Exception {
        Tolerance tolerance = tolerance();
        Path heatmapFile = heatmap == null ? null
                : OutputTarget.file(spec.commandLine(), "--heatmap", heatmap, OutputTarget.pngOnly()).path();
        List<Scenario> scenarios = inputs.scenarios();
        if (heatmapFile != null && scenarios.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--heatmap draws one input: give --y-true and "
                    + "--y-pred (or --profile, to run the embedded example once)");
        }
        List<String> ids = backends != null ? backends : selector.availableIds();
        PrintWriter w = spec.commandLine().getOut();
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        boolean allAgree = true;
        for (Scenario s : scenarios) {
            List<Run> runs = new ArrayList<>();
            for (String id : ids) {
                try (Backend b = selector.open(id)) {
                    runs.add(run(b, s));
                }
            }
            s.warn(spec.commandLine().getErr());
            allAgree &= compare(runs, tolerance);
            if (heatmapFile != null) {
                List<LossHeatmap.Run> pictured = new ArrayList<>();
                for (Run r : runs) {
                    pictured.add(new LossHeatmap.Run(r.id, r.perElement, r.mask));
                }
                PngMasks.write(heatmapFile, LossHeatmap.render(pictured, s.yTrue, s.options.ignoreClass(),
                        tolerance));
            }
            if (format == Format.json) {
                json.add(toJson(s, runs));
            } else {
                print(w, s, runs);
            }
        }
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("atol", atol).put("rtol", rtol).put("agree", allAgree);
            root.set("comparisons", json);
            w.println(Output.JSON.writeValueAsString(root));
        } else if (ids.size() > 1) {
            w.println(allAgree ? "All backends agree within atol " + atol + ", rtol " + rtol + "."
                    : "Backends DISAGREE beyond atol " + atol + ", rtol " + rtol + ".");
        }
        if (heatmapFile != null && format != Format.json) {
            w.println("wrote heatmap " + heatmapFile);
        }
        w.flush();
        return allAgree ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Run run(Backend b, Scenario s) {
        try {
            return timed(b, s);
        } catch (InvalidInputException e) {
            throw s.located(e);
        }
    }

    private static Run timed(Backend b, Scenario s) {
        long start = System.nanoTime();
        Tensor value = b.loss(s.options).compute(s.yTrue, s.yPred, s.sampleWeight);
        double millis = (System.nanoTime() - start) / 1e6;
        Tensor perElement = s.options.reduction() == Reduction.NONE ? value
                : b.loss(s.options.toBuilder().reduction(Reduction.NONE).build())
                        .compute(s.yTrue, s.yPred, s.sampleWeight);
        Tensor mask = b.predictor().predict(s.yPred);
        return new Run(b.id(), b.version(), value, perElement, mask, millis);
    }

    private Tolerance tolerance() {
        try {
            return Tolerance.of(atol, rtol);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), "--atol " + atol + ", --rtol " + rtol
                    + ": both must be >= 0");
        }
    }

    private static boolean compare(List<Run> runs, Tolerance tolerance) {
        boolean ok = true;
        for (Run r : runs) {
            for (Run o : runs) {
                if (o == r) {
                    continue;
                }
                r.deviation = r.deviation.max(Deviation.between(r.value, o.value, tolerance))
                        .max(Deviation.between(r.perElement, o.perElement, tolerance));
            }
            Tensor reference = runs.get(0).mask;
            int same = 0;
            for (int i = 0; i < reference.size(); i++) {
                same += reference.getLong(i) == r.mask.getLong(i) ? 1 : 0;
            }
            r.masksAgree = same;
            ok &= r.deviation.withinTolerance() && same == reference.size();
        }
        return ok;
    }

    private static void print(PrintWriter w, Scenario s, List<Run> runs) {
        w.println(s.description + ", " + s.options.reduction() + (s.options.fromLogits() ? ", from logits" : "")
                + (s.options.ignoreClass().isSet() ? ", ignore_class " + s.options.ignoreClass() : ""));
        List<String[]> rows = new ArrayList<>();
        boolean alone = runs.size() < 2;
        for (Run r : runs) {
            rows.add(new String[] {r.id, Output.array(r.value), alone ? "-" : String.format(Locale.ROOT, "%.3g",
                    r.deviation.maxAbs()), alone ? "-" : r.deviation.ulpsText(),
                alone ? "-" : r.masksAgree + "/" + r.mask.size(), String.format(Locale.ROOT, "%.2f", r.millis)});
        }
        w.print(Table.render(new String[] {"backend", "loss", "max |dev|", "max ulp", "masks agree", "time ms"},
                rows));
        if (alone) {
            w.println("(one backend: nothing to compare against; add another to the class path or --backends)");
        }
        if (s.embedded) {
            for (Run r : runs) {
                w.println("per-element loss (" + r.id + ", " + r.perElement.dtype() + "):");
                w.println(Output.array(r.perElement));
            }
            w.println("mask (" + runs.get(0).id + "): " + Output.array(runs.get(0).mask).replace("\n", ""));
        }
        w.println();
    }

    private static ObjectNode toJson(Scenario s, List<Run> runs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("input", s.description).put("options", s.options.toString());
        ArrayNode list = n.putArray("backends");
        for (Run r : runs) {
            ObjectNode b = list.addObject();
            b.put("backend", r.id).put("version", r.version);
            b.set("loss", Output.tensor(r.value));
            Output.putNumber(b, "max_abs_deviation", r.deviation.maxAbs());
            b.put("max_ulp_deviation", r.deviation.maxUlps() == Long.MAX_VALUE ? -1 : r.deviation.maxUlps());
            b.put("masks_agree", r.masksAgree).put("mask_elements", r.mask.size());
            b.put("time_ms", r.millis);
            if (s.embedded) {
                b.set("per_element", Output.tensor(r.perElement));
            }
        }
        return n;
    }
}
