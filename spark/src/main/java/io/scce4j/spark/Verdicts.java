package io.scce4j.spark;

import io.scce4j.eval.Evaluation;
import io.scce4j.eval.ImageResult;
import io.scce4j.io.ArrayFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command's decisions, made on the driver in image order whatever order the tasks finished in: an image is
 * bad when it could not be read or has other classes than {@code --num-classes}, then when its prediction has other
 * classes than the first good image's ({@code scce4j eval}'s "the first prediction had"), then when its evaluation
 * failed. Without skipping, the first bad image ends the evaluation with its error, as in the command; with
 * skipping, bad images are listed and the images with the first good image's classes make the evaluation.
 */
final class Verdicts {
    /** Image order: {@link ImageResult#LISTING_ORDER}'s, by name without extension, then name. */
    static final Comparator<Item> ORDER = Comparator.comparing((Item i) -> ArrayFiles.stem(i.name()))
            .thenComparing(Item::name);

    /** An image as the verdict sees it: its name, its classes (-1: unread) and its problem, if any. */
    record Item(String name, int classes, ImageProblem problem) {
    }

    private final boolean skip;
    private final Function<String, String> predictionShown;
    private final List<SkippedImage> skipped = new ArrayList<>();
    private Integer reference;
    private String previous;

    /**
     * @param predictionShown the prediction of an image, as messages name it
     */
    Verdicts(boolean skip, Function<String, String> predictionShown) {
        this.skip = skip;
        this.predictionShown = predictionShown;
    }

    /** The items of a task's result, in image order. */
    static List<Item> items(PartitionResult r) {
        List<Item> items = new ArrayList<>();
        for (ImageProblem p : r.problems()) {
            items.add(new Item(p.name(), p.classes(), p));
        }
        for (Map.Entry<Integer, Evaluation> e : r.evaluations().entrySet()) {
            for (ImageResult i : e.getValue().images()) {
                items.add(new Item(i.name(), e.getKey(), null));
            }
        }
        items.sort(ORDER);
        return items;
    }

    /**
     * Judges the next images, which come after every image judged so far.
     *
     * @throws BadImageException at the first bad image, unless skipping
     *     (skipping or not, when a name comes twice: two rows of one id)
     */
    void judge(List<Item> items) throws BadImageException {
        for (Item i : items) {
            if (i.name().equals(previous)) {
                throw new BadImageException(i.name(), "the id '" + i.name() + "' comes twice; each image needs its "
                        + "own id");
            }
            previous = i.name();
            ImageProblem p = i.problem();
            if (p != null && !p.afterClassCheck()) {
                bad(i.name(), p.message());
            } else if (reference != null && i.classes() != reference) {
                bad(i.name(), predictionShown.apply(i.name()) + " has " + i.classes() + " classes; the first "
                        + "prediction had " + reference);
            } else if (p != null) {
                bad(i.name(), p.message());
            } else if (reference == null) {
                reference = i.classes();
            }
        }
    }

    private void bad(String name, String message) throws BadImageException {
        if (!skip) {
            throw new BadImageException(name, message);
        }
        skipped.add(new SkippedImage(name, message));
    }

    /** The good images' classes: the first good image's; null when there was none. */
    Integer reference() {
        return reference;
    }

    /** The bad images so far, in image order. */
    List<SkippedImage> skipped() {
        return List.copyOf(skipped);
    }
}
