package io.scce4j.eval;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import java.util.Locale;

/**
 * Evaluates one image's prediction against its mask with the loss and predictor the caller passes (this library
 * never chooses a backend): the loss summed over the valid pixels, the argmax mask, and the confusion counts of
 * the valid pixels. Pixels labelled with the loss's ignored class are left out of all three. Thread-safe when
 * the loss and predictor are (every backend's are).
 * <pre>{@code
 * try (Backend backend = Backends.load("cpu")) {
 *     LossOptions options = LossOptions.builder().reduction(Reduction.SUM).ignoreClass(255).build();
 *     Evaluator evaluator = new Evaluator(backend.loss(options), backend.predictor());
 *     Evaluation one = evaluator.evaluate("img0.png", labels, yPred);   // labels [H, W], yPred [H, W, C]
 * }
 * }</pre>
 */
public final class Evaluator {
    private final SparseCategoricalCrossentropy loss;
    private final MaskPredictor predictor;
    private final IgnoreClass ignoreClass;

    /**
     * An evaluator with this loss and predictor.
     *
     * @param loss built with {@link Reduction#SUM}: per-image sums are what add up to the set's loss
     * @throws IllegalArgumentException when the loss does not sum
     */
    public Evaluator(SparseCategoricalCrossentropy loss, MaskPredictor predictor) {
        if (loss.options().reduction() != Reduction.SUM) {
            throw new IllegalArgumentException("an evaluation sums the loss per image; build the loss with "
                    + "Reduction.SUM, not " + loss.options().reduction());
        }
        this.loss = loss;
        this.predictor = predictor;
        this.ignoreClass = loss.options().ignoreClass();
    }

    /**
     * The evaluation of one image, to {@linkplain Evaluation#combine combine} with the others.
     *
     * @param name the image's name in results and reports
     * @param labels the mask, {@code [H, W]} or {@code [H, W, 1]}
     * @param predictions probabilities (or logits, as the loss's options say), {@code [H, W, C]}
     * @throws InvalidInputException as the loss and predictor throw it: labels out of range, shapes that do not
     *     fit
     */
    public Evaluation evaluate(String name, Tensor labels, Tensor predictions) {
        int classes = (int) predictions.shape().dim(-1);
        double sum = loss.compute(labels, predictions).getDouble(0);
        Tensor mask = predictor.predict(predictions);
        ConfusionMatrix confusion = new ConfusionMatrix(classes);
        long valid = 0;
        long correct = 0;
        for (int i = 0; i < mask.size(); i++) {
            long t = (long) labels.getDouble(i); // float labels truncate toward zero, as Keras casts them
            if (ignoreClass.ignores(t)) {
                continue;
            }
            int p = (int) mask.getLong(i);
            confusion.add((int) t, p);
            valid++;
            correct += t == p ? 1 : 0;
        }
        return new Evaluation(new ImageResult(name, mask.size(), valid, sum, correct), confusion);
    }

    /**
     * The evaluation of a file that may hold a batch: predictions {@code [N, H, W, C]} with labels
     * {@code [N, H, W]} (or {@code [N, H, W, 1]}) are {@code N} images, named {@code name[0]} to
     * {@code name[N-1]} (zero-padded to one width, so that they list in order); anything else is one image, as
     * {@link #evaluate} takes it. A label out of range in image {@code n} is reported at its flat index in the
     * whole batch, as one loss call on the batch would report it.
     *
     * @throws InvalidInputException as {@link #evaluate} throws it
     */
    public Evaluation evaluateBatch(String name, Tensor labels, Tensor predictions) {
        Shape perPixel = predictions.shape().withoutLast();
        boolean batch = predictions.rank() == 4 && (labels.shape().equals(perPixel)
                || labels.shape().equals(perPixel.append(1)));
        if (!batch) {
            return evaluate(name, labels, predictions);
        }
        int n = (int) predictions.shape().dim(0);
        Tensor images = labels.reshape(perPixel);
        int width = Integer.toString(Math.max(0, n - 1)).length();
        Evaluation all = new Evaluation();
        for (int k = 0; k < n; k++) {
            Tensor imageLabels = Batches.image(images, k);
            try {
                all.combine(evaluate(String.format(Locale.ROOT, "%s[%0" + width + "d]", name, k), imageLabels,
                        Batches.image(predictions, k)));
            } catch (InvalidInputException e) {
                if (e.flatIndex().isEmpty()) {
                    throw e;
                }
                throw InvalidInputException.labelOutOfRange(e.label().orElseThrow(),
                        (long) k * imageLabels.size() + e.flatIndex().getAsLong(), e.numClasses().orElseThrow());
            }
        }
        return all;
    }
}
