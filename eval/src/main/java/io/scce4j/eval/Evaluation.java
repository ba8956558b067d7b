package io.scce4j.eval;

import io.scce4j.api.InvalidInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluation of a set of images: each image's {@link ImageResult}, the whole set's loss
 * ({@link LossAccumulator}) and its {@link ConfusionMatrix}. {@link Evaluator} makes the evaluation of one image;
 * {@link #combine} merges evaluations, so a data set can be evaluated in parts, on several threads or machines,
 * and merged in any order and grouping: the loss, pixel accuracy, IoU, mean IoU and confusion matrix are the same,
 * bit for bit, as in one pass, and images are listed in {@link ImageResult#LISTING_ORDER} whatever the merge
 * order. Not thread-safe: give each thread its own and combine them.
 * <pre>{@code
 * Evaluation all = new Evaluation();
 * for (ImagePair pair : ImagePairs.of(masks, predictions)) {
 *     all.combine(evaluator.evaluate(pair.name(), ArrayFiles.readLabels(pair.mask(), "y_true", MaskChannel.red),
 *             ArrayFiles.read(pair.prediction(), "y_pred")));
 * }
 * System.out.print(EvaluationReport.of(all, options, 5).text());   // options: those of the loss
 * }</pre>
 */
public final class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<ImageResult> images = new ArrayList<>();
    private boolean sorted = true;
    private final LossAccumulator loss = new LossAccumulator();
    private ConfusionMatrix confusion = new ConfusionMatrix(0);

    /** An evaluation of no image, to combine others into. */
    public Evaluation() {
    }

    /** The evaluation of one image: its result and the confusion matrix of its valid pixels. */
    Evaluation(ImageResult image, ConfusionMatrix confusion) {
        images.add(image);
        loss.add(image.lossSum(), image.validPixels());
        this.confusion = confusion;
    }

    /**
     * Adds the images, loss and confusion counts of {@code other} to this evaluation.
     *
     * @return this evaluation
     * @throws InvalidInputException ({@code SHAPE_MISMATCH}) when both hold images of different numbers of classes
     * @throws IllegalArgumentException when {@code other} is this evaluation
     */
    public Evaluation combine(Evaluation other) {
        if (other == this) {
            throw new IllegalArgumentException("an evaluation cannot be combined with itself");
        }
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            confusion = new ConfusionMatrix(other.classes());
        } else if (other.classes() != classes()) {
            throw InvalidInputException.shapeMismatch("cannot combine an evaluation of " + classes()
                    + " classes with one of " + other.classes());
        }
        confusion.combine(other.confusion);
        loss.combine(other.loss);
        images.addAll(other.images);
        sorted = false;
        return this;
    }

    private boolean isEmpty() {
        return images.isEmpty();
    }

    /** The number of classes of the predictions; 0 before the first image. */
    public int classes() {
        return confusion.classes();
    }

    /** Each image's result, in {@link ImageResult#LISTING_ORDER}. */
    public List<ImageResult> images() {
        if (!sorted) {
            images.sort(ImageResult.LISTING_ORDER);
            sorted = true;
        }
        return Collections.unmodifiableList(images);
    }

    /**
     * The {@code n} images of highest mean loss, highest first (NaN before all), ties in listing order.
     */
    public List<ImageResult> worst(int n) {
        return images().stream().sorted(Comparator.comparingDouble(ImageResult::meanLoss).reversed()).limit(n)
                .collect(Collectors.toList());
    }

    /** The pixels evaluated: all images' valid pixels. */
    public long validPixels() {
        return loss.validPixels();
    }

    /** The loss over the whole set, as {@link LossAccumulator#mean()} defines it. */
    public double loss() {
        return loss.mean();
    }

    /** The share of valid pixels predicted right. */
    public double pixelAccuracy() {
        return confusion.pixelAccuracy();
    }

    /** IoU per class (Keras {@code IoU}); NaN for a class that appears nowhere. */
    public double[] iou() {
        return confusion.iou();
    }

    /** Keras {@code MeanIoU}: the mean IoU of the classes that appear. */
    public double meanIou() {
        return confusion.meanIou();
    }

    /** A copy of the confusion counts, {@code [true class][predicted class]}. */
    public long[][] confusion() {
        return confusion.counts();
    }
}
