package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One evaluation set of 20 small images (random probabilities over 5 classes, labels with the ignored class 255,
 * one image all ignored, sizes from 2 x 2 to 9 x 9) evaluated in one pass, and split into 1, 2, 3 and 7 parts
 * merged forward, in reverse, shuffled and as a tree: the loss, pixel accuracy, IoU per class, mean IoU and
 * confusion matrix must be the same bit for bit, and the images listed the same.
 */
class SplitEvaluationTest {
    private static final int CLASSES = 5;
    private static final int IMAGES = 20;
    private static final LossOptions OPTIONS = LossOptions.builder().reduction(Reduction.SUM).ignoreClass(255)
            .build();
    private static final Evaluator EVALUATOR = new Evaluator(InTestBackend.loss(OPTIONS), InTestBackend.predictor());

    private record Image(String name, Tensor labels, Tensor predictions) {
    }

    private static List<Image> images;
    private static Evaluation onePass;

    @BeforeAll
    static void evaluateInOnePass() {
        Random random = new Random(20240521);
        images = new ArrayList<>();
        for (int k = 0; k < IMAGES; k++) {
            int h = 2 + random.nextInt(8);
            int w = 2 + random.nextInt(8);
            int[] labels = new int[h * w];
            float[] p = new float[h * w * CLASSES];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = k == 7 || random.nextInt(6) == 0 ? 255 : random.nextInt(CLASSES);
                for (int c = 0; c < CLASSES; c++) {
                    p[i * CLASSES + c] = random.nextFloat();
                }
            }
            images.add(new Image(String.format("img%02d.png", k), Tensor.ofInts(Shape.of(h, w), labels),
                    Tensor.ofFloats(Shape.of(h, w, CLASSES), p)));
        }
        onePass = new Evaluation();
        for (Image image : images) {
            onePass.combine(evaluate(image));
        }
    }

    private static Evaluation evaluate(Image image) {
        return EVALUATOR.evaluate(image.name(), image.labels(), image.predictions());
    }

    /** Each part evaluated on its own, images in the part's order, as a worker would. */
    private static List<Evaluation> evaluateParts(List<List<Image>> parts) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (List<Image> part : parts) {
            Evaluation e = new Evaluation();
            part.forEach(image -> e.combine(evaluate(image)));
            evaluations.add(e);
        }
        return evaluations;
    }

    /** The images in {@code n} contiguous runs of nearly equal length. */
    private static List<List<Image>> split(List<Image> all, int n) {
        List<List<Image>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>(all.subList(i * all.size() / n, (i + 1) * all.size() / n)));
        }
        return parts;
    }

    private static Evaluation forward(List<Evaluation> parts) {
        Evaluation all = new Evaluation();
        parts.forEach(all::combine);
        return all;
    }

    private static Evaluation reverse(List<Evaluation> parts) {
        List<Evaluation> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        return forward(reversed);
    }

    private static Evaluation shuffled(List<Evaluation> parts) {
        List<Evaluation> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new Random(parts.size()));
        return forward(shuffled);
    }

    /** Pairs merged level by level, as a reduce over a tree: ((p0 p1) (p2 p3)) (p4 ...). */
    private static Evaluation tree(List<Evaluation> parts) {
        List<Evaluation> level = new ArrayList<>(parts);
        while (level.size() > 1) {
            List<Evaluation> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).combine(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    private static void assertSameBitForBit(Evaluation expected, Evaluation actual, String how) {
        assertEquals(Double.doubleToRawLongBits(expected.loss()), Double.doubleToRawLongBits(actual.loss()), how);
        assertEquals(Double.doubleToRawLongBits(expected.pixelAccuracy()),
                Double.doubleToRawLongBits(actual.pixelAccuracy()), how);
        assertArrayEquals(bits(expected.iou()), bits(actual.iou()), how);
        assertEquals(Double.doubleToRawLongBits(expected.meanIou()), Double.doubleToRawLongBits(actual.meanIou()),
                how);
        assertArrayEquals(expected.confusion(), actual.confusion(), how);
        assertEquals(expected.validPixels(), actual.validPixels(), how);
        assertEquals(expected.images(), actual.images(), how);
        assertEquals(expected.worst(5), actual.worst(5), how);
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theDatasetMetricsAreTheSameBitForBitHoweverTheImagesAreSplitAndMerged() {
        List<Function<List<Evaluation>, Evaluation>> orders = List.of(SplitEvaluationTest::forward,
                SplitEvaluationTest::reverse, SplitEvaluationTest::shuffled, SplitEvaluationTest::tree);
        List<String> names = List.of("forward", "reverse", "shuffled", "tree");
        List<Image> shuffledImages = new ArrayList<>(images);
        Collections.shuffle(shuffledImages, new Random(7));
        for (int n : new int[] {1, 2, 3, 7}) {
            for (int o = 0; o < orders.size(); o++) {
                // parts re-evaluated for every merge: combine adds into its receiver
                assertSameBitForBit(onePass, orders.get(o).apply(evaluateParts(split(images, n))),
                        n + " contiguous parts merged " + names.get(o));
                assertSameBitForBit(onePass, orders.get(o).apply(evaluateParts(split(shuffledImages, n))),
                        n + " parts of shuffled images merged " + names.get(o));
            }
        }
    }

    @Test
    void theDataIsSuchThatAFloatingPointSumOfTheLossSumsDependsOnTheOrder() {
        // What makes the test above able to fail: summed in double, in the orders it merges, these loss sums do
        // not all give the same bits.
        List<Double> sums = onePass.images().stream().map(ImageResult::lossSum).collect(Collectors.toList());
        Set<Long> naive = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            List<Double> order = new ArrayList<>(sums);
            Collections.shuffle(order, new Random(seed));
            double sum = 0;
            for (double s : order) {
                sum += s;
            }
            naive.add(Double.doubleToRawLongBits(sum / onePass.validPixels()));
        }
        assertTrue(naive.size() > 1, "every order gave the same naive sum: " + naive);
    }

    @Test
    void theLossIsTheExactSumOfTheImagesLossSumsOverTheirValidPixelsRoundedOnce() {
        BigDecimal exact = BigDecimal.ZERO;
        long valid = 0;
        for (ImageResult r : onePass.images()) {
            exact = exact.add(new BigDecimal(r.lossSum()));
            valid += r.validPixels();
        }
        double expected = exact.divide(BigDecimal.valueOf(valid), new MathContext(60))
                .doubleValue();
        assertEquals(expected, onePass.loss(), 0.0);
        assertEquals(valid, onePass.validPixels());
    }

    @Test
    void anAllIgnoredImageCountsNoPixelAndHasLossAndAccuracyZero() {
        ImageResult ignored = onePass.images().get(7);
        assertEquals("img07.png", ignored.name());
        assertEquals(0, ignored.validPixels());
        assertEquals(0.0, ignored.meanLoss(), 0.0);
        assertEquals(0.0, ignored.accuracy(), 0.0);
        assertTrue(ignored.pixels() > 0);
    }

    @Test
    void theImagesAreListedByNameWhateverOrderTheyWereEvaluatedIn() {
        List<Image> reversed = new ArrayList<>(images);
        Collections.reverse(reversed);
        Evaluation backwards = forward(evaluateParts(List.of(reversed)));
        List<String> names = backwards.images().stream().map(ImageResult::name).collect(Collectors.toList());
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertEquals(sorted, names);
        assertNotEquals(names.get(0), reversed.get(0).name());
    }

    @Test
    void anEvaluationSurvivesSerializationToBeMergedElsewhere() throws IOException, ClassNotFoundException {
        List<Evaluation> parts = evaluateParts(split(images, 3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parts.get(1));
        }
        Evaluation shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (Evaluation) in.readObject();
        }
        assertSameBitForBit(onePass, parts.get(0).combine(shipped).combine(parts.get(2)), "after serialization");
    }
}
