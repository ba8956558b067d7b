package io.scce4j.cli;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.io.ArrayFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The inputs and options of a loss, shared by {@code loss} and {@code compare}. */
final class LossInputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--y-true", paramLabel = "FILE",
            description = "Labels, .npy, .npz or a PNG mask: y_pred's shape without the class axis, or that plus "
                    + "a trailing 1.")
    Path yTrue;

    @Option(names = "--y-pred", paramLabel = "FILE",
            description = "Probabilities (or logits with --from-logits), .npy or .npz, classes on the last axis.")
    Path yPred;

    @Option(names = "--sample-weight", paramLabel = "FILE",
            description = "Weights, .npy: a scalar, the per-element loss shape, or that plus a trailing 1.")
    Path sampleWeight;

    @Mixin
    ArrayFileOptions files;

    @Option(names = "--from-logits", description = "y_pred holds logits, not probabilities.")
    boolean fromLogits;

    @Option(names = "--reduction", paramLabel = "R", defaultValue = "sum_over_batch_size",
            completionCandidates = Completions.Reductions.class,
            description = "none, sum, sum_over_batch_size (alias mean), mean_with_sample_weight. "
                    + "Default: ${DEFAULT-VALUE}.")
    String reduction;

    @Option(names = "--ignore-class", paramLabel = "K",
            description = "Leave elements labelled K out of the loss (any integer, e.g. 255 or -1).")
    Long ignoreClass;

    @Option(names = "--profile", paramLabel = "P", completionCandidates = Completions.Profiles.class,
            description = "keras3 (default), keras2 (tf_keras), keras2-legacy (tf.keras <= 2.9).")
    String profile;

    /** The options from the flags (the profile defaults to keras3). */
    LossOptions options(LossProfile defaultProfile) {
        LossProfile p = profile == null ? defaultProfile : LossProfile.parse(profile);
        return LossOptions.builder()
                .fromLogits(fromLogits)
                .reduction(Reduction.parse(reduction, p))
                .ignoreClass(ignoreClass == null ? IgnoreClass.none() : IgnoreClass.of(ignoreClass))
                .profile(p)
                .build();
    }

    boolean usesEmbeddedExample() {
        return yTrue == null && yPred == null;
    }

    /**
     * The scenarios to run: the files given, or, with none, the embedded example: float64 with keras2-legacy
     * (what the forum printed), float64 with keras2 and float32 with keras3, unless --profile picks one.
     */
    List<Scenario> scenarios() throws IOException {
        if (usesEmbeddedExample()) {
            if (sampleWeight != null) {
                throw new ParameterException(spec.commandLine(),
                        "--sample-weight needs --y-true and --y-pred (the embedded example has no weights)");
            }
            List<Scenario> list = new ArrayList<>();
            for (LossProfile p : profile == null ? List.of(LossProfile.KERAS2_LEGACY, LossProfile.KERAS2,
                    LossProfile.KERAS3) : List.of(LossProfile.parse(profile))) {
                boolean f64 = p.isKeras2();
                Tensor pred = f64 ? EmbeddedExample.yPredFloat64() : EmbeddedExample.yPredFloat32();
                list.add(new Scenario("embedded example, y_pred " + pred.dtype() + " " + pred.shape() + ", profile "
                        + p, EmbeddedExample.yTrue(), pred, null, options(p), true, "the embedded example", null));
            }
            return list;
        }
        if (yTrue == null || yPred == null) {
            throw new ParameterException(spec.commandLine(),
                    "give both --y-true and --y-pred, or neither (to run the embedded example)");
        }
        Tensor labels = files.readLabels(spec.commandLine(), yTrue);
        Tensor pred = ArrayFiles.read(yPred, files.yPredKey);
        Tensor weights = sampleWeight == null ? null : ArrayFiles.read(sampleWeight, "sample_weight");
        LossOptions opts = options(LossProfile.KERAS3);
        PredictionChecks.refuseChannelsFirst(labels, pred, yPred.toString());
        String warning = opts.fromLogits() ? null
                : PredictionChecks.probabilityWarning(pred, yPred.toString()).orElse(null);
        return List.of(new Scenario(yPred.getFileName() + ", y_pred " + pred.dtype() + " " + pred.shape()
                + ", profile " + opts.profile(), labels, pred, weights, opts, false, yTrue.toString(), warning));
    }
}
