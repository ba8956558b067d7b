package io.scce4j.train.dl4j;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.keras.Clip;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code SparseCategoricalCrossentropy} as a DL4J {@link ILossFunction}, for a {@code LossLayer} (or
 * {@code OutputLayer}) that sees one row per pixel: {@code preOutput [P, C]}, sparse labels {@code [P, 1]}
 * (class ids as numbers), and an optional mask {@code [P, 1]} of per-pixel weights ({@code sample_weight}).
 *
 * <pre>{@code
 * LossOptions options = LossOptions.builder().ignoreClass(255).profile(LossProfile.KERAS2).build();
 * ComputationGraph net = KerasSegmentationImport.importForTraining(Path.of("unet.h5"), options);
 * net.fit(new MultiDataSet(new INDArray[] {images}, new INDArray[] {KerasSegmentationImport.rows(masks)}));
 * // or by hand: new LossLayer.Builder(new KerasSparseCategoricalCrossentropy(options)).activation(Activation.SOFTMAX)
 * }</pre>
 *
 * <p><b>Keras's logits rule.</b> When the layer's activation is a softmax, the loss reads {@code preOutput} as the
 * logits and does not clip, as Keras reads a softmax's logits; otherwise it applies the activation and follows
 * {@code fromLogits}: logits, or probabilities clipped to {@link Clip}'s bounds and logged (the gradient goes back
 * through the clip, the log and the activation). Under {@code keras3} with {@code ignore_class} the softmax takes
 * the clipped path, as it does in Keras 3 (its {@code where} hides the softmax).
 *
 * <p><b>Ignored pixels are a mask.</b> Rows labelled {@code ignore_class} weigh 0 and their labels are not checked;
 * the others weigh {@code total / valid} under {@code sum_over_batch_size}, as in Keras; DL4J's mask multiplies in
 * as {@code sample_weight}. DL4J divides the score and the gradient by the rows of its minibatch ({@code P}), so the
 * rows are weighted such that the result is Keras's reduction: {@code sum_over_batch_size} as is, {@code sum} times
 * {@code P}, {@code mean_with_sample_weight} times {@code P / sum(weights)}; {@code none} gives no scalar to train on
 * and is refused. A layer that divides by images instead of rows (DL4J's {@code CnnLossLayer}, which refuses sparse
 * labels anyway) would see {@code H * W} times Keras's loss.
 *
 * <p>Arithmetic is float32 per row, as Keras's; row sums are added in double. Labels outside {@code [0, C)} (ignored
 * ones aside) throw {@link InvalidInputException} with Keras's message. Stateless and thread-safe; serializable
 * with DL4J's configurations (JSON and Java serialization).
 */
public final class KerasSparseCategoricalCrossentropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final String profile;
    private final String reduction;
    private final Long ignoreClass;
    private final boolean fromLogits;

    /** Keras's loss with these options (the profile decides the Keras 3 ignore_class rule and the all-ignored case). */
    public KerasSparseCategoricalCrossentropy(LossOptions options) {
        this(options.profile().id(), options.reduction().kerasName(),
                options.ignoreClass().isSet() ? options.ignoreClass().label() : null, options.fromLogits());
    }

    /** Keras's defaults: probabilities, {@code sum_over_batch_size}, no ignored class, {@code keras3}. */
    public KerasSparseCategoricalCrossentropy() {
        this(LossOptions.defaults());
    }

    /** The form DL4J's JSON configurations hold. */
    @JsonCreator
    public KerasSparseCategoricalCrossentropy(@JsonProperty("profile") String profile,
            @JsonProperty("reduction") String reduction, @JsonProperty("ignoreClass") Long ignoreClass,
            @JsonProperty("fromLogits") boolean fromLogits) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.ignoreClass = ignoreClass;
        this.fromLogits = fromLogits;
        LossOptions o = options(); // validates the names now, not at the first step
        if (o.reduction() == Reduction.NONE) {
            throw InvalidInputException.invalidArgument("reduction none gives no scalar to train on; valid here: sum, "
                    + "sum_over_batch_size" + (o.profile() == LossProfile.KERAS3 ? ", mean_with_sample_weight" : ""));
        }
        if (o.profile() == LossProfile.KERAS2_LEGACY && ignoreClass != null) {
            throw InvalidInputException.invalidArgument("ignore_class does not exist in keras2-legacy (it came with "
                    + "Keras 2.10); use keras2 or keras3");
        }
    }

    /** The options, as given. */
    public LossOptions options() {
        LossProfile p = LossProfile.parse(profile);
        return LossOptions.builder().profile(p).reduction(Reduction.parse(reduction, p)).fromLogits(fromLogits)
                .ignoreClass(ignoreClass == null ? IgnoreClass.none() : IgnoreClass.of(ignoreClass)).build();
    }

    @JsonProperty("profile")
    String getProfile() {
        return profile;
    }

    @JsonProperty("reduction")
    String getReduction() {
        return reduction;
    }

    @JsonProperty("ignoreClass")
    Long getIgnoreClass() {
        return ignoreClass;
    }

    @JsonProperty("fromLogits")
    boolean isFromLogits() {
        return fromLogits;
    }

    /** Whether {@code activationFn} is read as logits (Keras's rule for a softmax), for this loss's options. */
    public boolean readsLogitsOf(IActivation activationFn) {
        return activationFn instanceof ActivationSoftmax
                && !(LossProfile.KERAS3.id().equals(profile) && ignoreClass != null);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        Rows r = rows(labels, preOutput, activationFn, mask, false);
        double sum = 0;
        for (float v : r.scores) {
            sum += v;
        }
        return average ? sum / r.scores.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Rows r = rows(labels, preOutput, activationFn, mask, false);
        return Nd4j.create(r.scores, new long[] {r.scores.length, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return rows(labels, preOutput, activationFn, mask, true).gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        Rows r = rows(labels, preOutput, activationFn, mask, true);
        double sum = 0;
        for (float v : r.scores) {
            sum += v;
        }
        return new Pair<>(average ? sum / r.scores.length : sum, r.gradient);
    }

    @Override
    public String name() {
        return toString();
    }

    /** Keras-style: {@code KerasSparseCategoricalCrossentropy(from_logits=false, reduction=..., ...)}. */
    @Override
    public String toString() {
        return "KerasSparseCategoricalCrossentropy(" + options() + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KerasSparseCategoricalCrossentropy)) {
            return false;
        }
        KerasSparseCategoricalCrossentropy x = (KerasSparseCategoricalCrossentropy) o;
        return profile.equals(x.profile) && reduction.equals(x.reduction) && Objects.equals(ignoreClass, x.ignoreClass)
                && fromLogits == x.fromLogits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, reduction, ignoreClass, fromLogits);
    }

    /** Per-row weighted losses and, if asked, d(their sum) / d preOutput. */
    private static final class Rows {
        float[] scores;
        INDArray gradient;
    }

    private Rows rows(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean wantGradient) {
        if (preOutput.rank() != 2) {
            throw InvalidInputException.shapeMismatch("preOutput must be [rows, classes]; got "
                    + java.util.Arrays.toString(preOutput.shape()) + " (put a ReshapeVertex('c', -1, C) before the "
                    + "loss layer, as KerasSegmentationImport does)");
        }
        int p = (int) preOutput.size(0);
        int c = (int) preOutput.size(1);
        if (labels.length() != p) {
            throw InvalidInputException.shapeMismatch("labels must be sparse, one class id per row: [" + p + ", 1]; got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        if (mask != null && mask.length() != p) {
            throw InvalidInputException.shapeMismatch("the mask must hold one weight per row: [" + p + ", 1]; got "
                    + java.util.Arrays.toString(mask.shape()));
        }
        LossOptions o = options();
        boolean logitsOfSoftmax = readsLogitsOf(activationFn);
        float[] y = floats(labels);
        boolean[] counted = new boolean[p];
        float[] w = weights(o, y, mask == null ? null : floats(mask), p, c, counted);

        INDArray activated = null;
        float[] read;
        if (logitsOfSoftmax) {
            read = floats(preOutput);
        } else {
            activated = activationFn.getActivation(preOutput.dup(), true);
            read = floats(activated);
        }
        boolean clipped = !logitsOfSoftmax && !o.fromLogits();
        float lo = Clip.FLOAT32_LO;
        float hi = Clip.FLOAT32_HI;
        float[] scores = new float[p];
        float[] grad = wantGradient ? new float[p * c] : null;
        float[] row = new float[c];
        for (int i = 0; i < p; i++) {
            if (!counted[i] || w[i] == 0) {
                // Ignored or weightless rows: no loss and no gradient, whatever their values; an all-ignored
                // keras2 batch weighs its rows NaN, and Keras 2 says NaN (tf-keras#734).
                scores[i] = Float.isNaN(w[i]) ? Float.NaN : 0f;
                continue;
            }
            int base = i * c;
            int label = (int) y[i];
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                row[j] = clipped ? (float) Math.log(Clip.clip(read[base + j])) : read[base + j];
                max = Math.max(max, row[j]);
            }
            float sum = 0;
            for (int j = 0; j < c; j++) {
                sum += (float) Math.exp(row[j] - max);
            }
            float loss = (float) Math.log(sum) - (row[label] - max); // TensorFlow's sparse xent kernel
            scores[i] = loss * w[i];
            if (grad != null) {
                for (int j = 0; j < c; j++) {
                    float d = (float) Math.exp(row[j] - max) / sum - (j == label ? 1f : 0f);
                    if (clipped) { // through log and clip: 1 / clip(p) where the clip passes p on, else 0
                        float q = read[base + j];
                        d = q <= hi && q >= lo ? d / Clip.clip(q) : 0f;
                    }
                    grad[base + j] = d * w[i];
                }
            }
        }
        Rows r = new Rows();
        r.scores = scores;
        if (grad != null) {
            INDArray dRead = Nd4j.create(grad, new long[] {p, c}, 'c').castTo(preOutput.dataType());
            if (logitsOfSoftmax) {
                r.gradient = dRead;
            } else { // back through the activation (the identity leaves it as it is)
                r.gradient = activationFn.backprop(preOutput.dup(), dRead).getFirst();
            }
        }
        if (activated != null) {
            close(activated);
        }
        return r;
    }

    /**
     * Each row's weight: the mask (sample weights), times Keras's ignore mask ({@code total / valid} for valid rows
     * under sum_over_batch_size), times what turns DL4J's division by the rows into Keras's reduction. Validates the
     * labels of the rows that count.
     */
    private static float[] weights(LossOptions o, float[] y, float[] mask, int p, int c, boolean[] counted) {
        IgnoreClass ignore = o.ignoreClass();
        float[] w = new float[p];
        int valid = 0;
        for (int i = 0; i < p; i++) {
            // Keras 3 compares float labels with float(ignore_class); Keras 2 compares the int64 labels.
            boolean ignored = ignore.isSet() && (o.profile() == LossProfile.KERAS3
                    ? y[i] == (float) ignore.label() : (long) y[i] == ignore.label());
            if (!ignored) {
                valid++;
                if (!(y[i] > -1 && y[i] < c)) { // truncated toward zero, as Keras casts; NaN fails too
                    throw InvalidInputException.labelOutOfRange(label(y[i]), i, c);
                }
            }
            w[i] = ignored ? 0f : 1f;
            counted[i] = !ignored;
        }
        if (ignore.isSet() && o.reduction() == Reduction.SUM_OVER_BATCH_SIZE) {
            // Keras 3: divide_no_nan(total, valid) (0 when nothing is valid); Keras 2: total / valid (NaN then).
            float scale = o.profile() == LossProfile.KERAS3 && valid == 0 ? 0f : (float) p / valid;
            for (int i = 0; i < p; i++) {
                w[i] = o.profile() != LossProfile.KERAS3 && valid == 0 ? Float.NaN : w[i] * scale;
            }
        }
        float weightSum = 0;
        for (int i = 0; i < p; i++) {
            if (mask != null) {
                w[i] = mask[i] * w[i];
            }
            weightSum += w[i];
        }
        float factor;
        switch (o.reduction()) {
            case SUM:
                factor = p;
                break;
            case MEAN_WITH_SAMPLE_WEIGHT: // divide_no_nan(sum, sum(sample_weight)); without weights the count
                factor = mask == null && !ignore.isSet() ? 1f : weightSum == 0 ? 0f : p / weightSum;
                break;
            default:
                factor = 1f;
        }
        if (factor != 1f) {
            for (int i = 0; i < p; i++) {
                w[i] *= factor;
            }
        }
        return w;
    }

    private static String label(float v) {
        return v == (long) v ? Long.toString((long) v) : Float.toString(v);
    }

    /** The values in row-major order; the copies made for it are closed at once (outside DL4J's workspaces). */
    private static float[] floats(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        INDArray dense = f.dup('c');
        float[] v = dense.data().asFloat();
        close(dense);
        if (f != a) {
            close(f);
        }
        return v;
    }

    private static void close(INDArray a) {
        if (a.closeable()) {
            a.close();
        }
    }
}
