package io.scce4j.spark;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.io.MaskChannel;
import java.io.Serializable;
import java.util.Objects;

/**
 * What an evaluation on Spark is asked for: the options of {@code scce4j eval} (the loss's, where arrays are in
 * their files, the backend) and how the work is split. Immutable and serializable: it travels to the executors
 * with the tasks ({@link LossOptions} does not, so the loss's options are kept here as their parts).
 * <pre>{@code
 * EvalSettings settings = EvalSettings.defaults().withIgnoreClass(255).withBackend("cpu").withPartitions(64);
 * }</pre>
 *
 * @param fromLogits predictions are logits, not probabilities ({@code --from-logits})
 * @param ignoreClass the label left out of the loss, accuracy and IoU, or null ({@code --ignore-class})
 * @param profile the Keras profile ({@code --profile})
 * @param numClasses the number of classes every prediction must have, or null ({@code --num-classes})
 * @param yTrueKey the array of the labels in an {@code .npz} ({@code --y-true-key})
 * @param yPredKey the array of the predictions in an {@code .npz} ({@code --y-pred-key})
 * @param maskChannel the channel of an RGB mask PNG that holds the class ({@code --mask-channel})
 * @param backend the backend id each executor opens, or null for the selection rules there (property
 *     {@code scce4j.backend}, variable {@code SCCE4J_BACKEND}, priority)
 * @param threads the backend's threads per executor, or null: {@code spark.task.cpus} unless the backend's
 *     property or variable sets them (Spark already runs one task per core)
 * @param skipBadImages list and skip images that cannot be evaluated instead of ending the job
 * @param partitions how many tasks to split a folder's images into; 0 chooses (see {@link SparkEval})
 */
public record EvalSettings(boolean fromLogits, Long ignoreClass, LossProfile profile, Integer numClasses,
        String yTrueKey, String yPredKey, MaskChannel maskChannel, String backend, Integer threads,
        boolean skipBadImages, int partitions) implements Serializable {

    /** Checks the values. */
    public EvalSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(yTrueKey, "yTrueKey");
        Objects.requireNonNull(yPredKey, "yPredKey");
        Objects.requireNonNull(maskChannel, "maskChannel");
        if (numClasses != null && numClasses < 1) {
            throw InvalidInputException.invalidArgument("numClasses is " + numClasses + "; valid: 1 or more");
        }
        if (threads != null && threads < 1) {
            throw InvalidInputException.invalidArgument("threads is " + threads + "; valid: 1 or more");
        }
        if (partitions < 0) {
            throw InvalidInputException.invalidArgument("partitions is " + partitions + "; valid: 0 (automatic) "
                    + "or more");
        }
    }

    /** The defaults of {@code scce4j eval}: probabilities, no ignored class, keras3, keys y_true and y_pred. */
    public static EvalSettings defaults() {
        return new EvalSettings(false, null, LossProfile.KERAS3, null, "y_true", "y_pred", MaskChannel.red, null,
                null, false, 0);
    }

    /** The loss's options: these, with {@link Reduction#SUM}, which an evaluation needs. */
    public LossOptions lossOptions() {
        LossOptions.Builder b = LossOptions.builder().fromLogits(fromLogits).reduction(Reduction.SUM)
                .profile(profile);
        if (ignoreClass != null) {
            b.ignoreClass(ignoreClass);
        }
        return b.build();
    }

    /** With predictions as logits or probabilities. */
    public EvalSettings withFromLogits(boolean value) {
        return new EvalSettings(value, ignoreClass, profile, numClasses, yTrueKey, yPredKey, maskChannel, backend,
                threads, skipBadImages, partitions);
    }

    /** With an ignored class, or none for null. */
    public EvalSettings withIgnoreClass(Long value) {
        return new EvalSettings(fromLogits, value, profile, numClasses, yTrueKey, yPredKey, maskChannel, backend,
                threads, skipBadImages, partitions);
    }

    /** With a Keras profile. */
    public EvalSettings withProfile(LossProfile value) {
        return new EvalSettings(fromLogits, ignoreClass, value, numClasses, yTrueKey, yPredKey, maskChannel,
                backend, threads, skipBadImages, partitions);
    }

    /** With the number of classes every prediction must have, or no check for null. */
    public EvalSettings withNumClasses(Integer value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, value, yTrueKey, yPredKey, maskChannel, backend,
                threads, skipBadImages, partitions);
    }

    /** With the {@code .npz} keys of the labels and the predictions. */
    public EvalSettings withKeys(String yTrue, String yPred) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrue, yPred, maskChannel, backend,
                threads, skipBadImages, partitions);
    }

    /** With the channel of RGB mask PNGs that holds the class. */
    public EvalSettings withMaskChannel(MaskChannel value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrueKey, yPredKey, value, backend,
                threads, skipBadImages, partitions);
    }

    /** With a backend id, or the selection rules on each executor for null. */
    public EvalSettings withBackend(String value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrueKey, yPredKey, maskChannel,
                value, threads, skipBadImages, partitions);
    }

    /** With the backend's threads per executor, or the default for null. */
    public EvalSettings withThreads(Integer value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrueKey, yPredKey, maskChannel,
                backend, value, skipBadImages, partitions);
    }

    /** Skipping (and listing) bad images, or ending the job at the first (the default). */
    public EvalSettings withSkipBadImages(boolean value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrueKey, yPredKey, maskChannel,
                backend, threads, value, partitions);
    }

    /** With a number of tasks for a folder's images; 0 chooses. */
    public EvalSettings withPartitions(int value) {
        return new EvalSettings(fromLogits, ignoreClass, profile, numClasses, yTrueKey, yPredKey, maskChannel,
                backend, threads, skipBadImages, value);
    }
}
