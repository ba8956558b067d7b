package io.scce4j.cli;

import io.scce4j.eval.LabelErrors;
import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.EvaluationReport;
import io.scce4j.eval.Evaluator;
import io.scce4j.eval.ImagePair;
import io.scce4j.eval.ImagePairs;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scce4j eval}: loss, pixel accuracy and IoU of predictions against masks, over whole folders. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate predictions against ground-truth masks: the loss over the whole set (as Keras "
                + "computes it on one batch), pixel accuracy, per-class and mean IoU (Keras MeanIoU), the "
                + "confusion matrix and the worst images.",
            "Files are paired by name without extension: masks (PNG, .npy, .npz) with predictions (.npy, .npz)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "3:Bad input: unreadable file, no pair, wrong shape, "
                + "label out of range.", "4:Backend missing or unavailable."},
        footer = {"", "Example:",
            "  scce4j eval --y-true masks/ --y-pred predictions/ --ignore-class 255 \\",
            "      --report eval.html --csv per-image.csv",
            "  scce4j eval --y-true voc/SegmentationClass/ --y-pred predictions/ \\",
            "      --palette voc --ignore-class 255"})
final class EvalCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-true", paramLabel = "DIR_OR_FILE", required = true,
            description = "Ground-truth masks: PNG (8-bit gray, palette, 16-bit gray; RGB that is gray, or with "
                    + "--palette or --mask-channel), .npy or .npz.")
    Path yTrue;

    @Option(names = "--y-pred", paramLabel = "DIR_OR_FILE", required = true,
            description = "Predictions [H, W, C] (or batches [N, H, W, C], N images each): .npy or .npz.")
    Path yPred;

    @Mixin
    EvalOptions options;

    @Mixin
    ArrayFileOptions files;

    @Option(names = "--backend", paramLabel = "ID", completionCandidates = Completions.BackendIds.class,
            description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    Path report;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per image.")
    Path csv;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "5",
            description = "How many worst images to list. Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    EvalCommand(BackendSelector selector) {
        this.selector = selector;
    }

    @Override
    public Integer call() throws Exception {
        List<ImagePair> pairs = pairs();
        LossOptions lossOptions = options.lossOptions();
        Evaluation evaluation = new Evaluation();
        PrintWriter err = spec.commandLine().getErr();
        files.maskColors(spec.commandLine()); // a bad --palette or option pair fails before any file is read
        boolean warned = false;
        try (Backend b = selector.open(backend);
                Progress progress = new Progress("eval", pairs.size(), err, System.console() != null)) {
            Evaluator evaluator = new Evaluator(b.loss(lossOptions), b.predictor());
            for (ImagePair pair : pairs) {
                progress.begin(pair.mask().getFileName().toString());
                Tensor labels = files.readLabels(spec.commandLine(), pair.mask());
                Tensor pred = ArrayFiles.read(pair.prediction(), files.yPredKey);
                PredictionChecks.refuseChannelsFirst(labels, pred, pair.prediction().toString());
                checkClasses(pair, pred, evaluation);
                evaluation.combine(evaluate(evaluator, pair, labels, pred, lossOptions));
                if (!warned && !lossOptions.fromLogits()) { // after the file's errors, which say enough alone
                    Optional<String> warning = PredictionChecks.probabilityWarning(pred, pair.prediction().toString());
                    if (warning.isPresent()) { // once: every file of a folder of logits would say the same
                        err.println("scce4j: warning: " + warning.get());
                        err.flush();
                        warned = true;
                    }
                }
                progress.end();
            }
        }
        EvaluationReport reports = EvaluationReport.of(evaluation, lossOptions, worst);
        if (csv != null) {
            AtomicFiles.writeString(csv, reports.csv());
        }
        if (report != null) {
            AtomicFiles.writeString(report, reports.html());
        }
        print(reports);
        return ExitCodes.OK;
    }

    /** One file's evaluation (a batch file's images each count); errors name the files, labels their pixel. */
    private static Evaluation evaluate(Evaluator evaluator, ImagePair pair, Tensor labels, Tensor pred,
            LossOptions lossOptions) {
        try {
            return evaluator.evaluateBatch(pair.name(), labels, pred);
        } catch (InvalidInputException e) {
            if (e.flatIndex().isPresent()) {
                throw LabelErrors.locate(e, pair.mask().toString(), pred.shape().withoutLast(),
                        lossOptions.ignoreClass());
            }
            InvalidInputException named = new InvalidInputException(e.reason(), pair.mask() + " with "
                    + pair.prediction() + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    /** The messages name the prediction file and the option, which the library knows nothing of. */
    private void checkClasses(ImagePair pair, Tensor pred, Evaluation sofar) {
        int classes = (int) pred.shape().dim(-1);
        if (options.numClasses != null && options.numClasses != classes) {
            throw InvalidInputException.shapeMismatch(pair.prediction() + " has " + classes + " classes but "
                    + "--num-classes is " + options.numClasses);
        }
        if (sofar.classes() != 0 && sofar.classes() != classes) {
            throw InvalidInputException.shapeMismatch(pair.prediction() + " has " + classes + " classes; the first "
                    + "prediction had " + sofar.classes());
        }
    }

    private List<ImagePair> pairs() throws IOException {
        try {
            return ImagePairs.of(yTrue, yPred);
        } catch (IllegalArgumentException e) { // ImagePairs' one: a folder and a file
            throw new ParameterException(spec.commandLine(), "--y-true and --y-pred must both be folders or both "
                    + "be files");
        }
    }

    private void print(EvaluationReport reports) {
        PrintWriter w = spec.commandLine().getOut();
        if (format == Format.json) {
            w.print(reports.json());
        } else {
            w.print(reports.text());
            if (report != null) {
                w.println("wrote " + report);
            }
            if (csv != null) {
                w.println("wrote " + csv);
            }
        }
        w.flush();
    }

    /** Loss options for eval (reduction is fixed: eval sums, then divides over the whole set). */
    static final class EvalOptions {
        @Option(names = "--ignore-class", paramLabel = "K",
                description = "Leave pixels labelled K out of the loss, the accuracy and the IoU (e.g. 255).")
        Long ignoreClass;

        @Option(names = "--num-classes", paramLabel = "C",
                description = "Check that every prediction has C classes.")
        Integer numClasses;

        @Option(names = "--from-logits", description = "Predictions are logits, not probabilities.")
        boolean fromLogits;

        @Option(names = "--profile", paramLabel = "P", defaultValue = "keras3",
                completionCandidates = Completions.Profiles.class,
                description = "keras3, keras2 or keras2-legacy. Default: ${DEFAULT-VALUE}.")
        String profile;

        LossOptions lossOptions() {
            LossOptions.Builder b = LossOptions.builder().fromLogits(fromLogits).reduction(Reduction.SUM)
                    .profile(LossProfile.parse(profile));
            if (ignoreClass != null) {
                b.ignoreClass(ignoreClass);
            }
            return b.build();
        }
    }
}
