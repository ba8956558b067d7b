package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final LossOptions SUM_IGNORING_255 = LossOptions.builder().reduction(Reduction.SUM)
            .ignoreClass(255).build();

    private static Evaluator evaluator(LossOptions options) {
        return new Evaluator(InTestBackend.loss(options), InTestBackend.predictor());
    }

    @Test
    void aLossThatDoesNotSumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator(LossOptions.defaults()));
        assertTrue(e.getMessage().contains("Reduction.SUM"), e.getMessage());
    }

    @Test
    void ignoredPixelsCountInPixelsButNotInTheLossTheAccuracyOrTheConfusionMatrix() {
        // four pixels, three classes: right (0), wrong (1 predicted 2), ignored, right (2)
        Tensor labels = Tensor.ofInts(Shape.of(2, 2), 0, 1, 255, 2);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 2, 3), 0.5f, 0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.9f, 0.05f, 0.05f,
                0.1f, 0.1f, 0.8f);
        Evaluation e = evaluator(SUM_IGNORING_255).evaluate("x.png", labels, pred);
        ImageResult r = e.images().get(0);
        assertEquals(new ImageResult("x.png", 4, 3, -Math.log(0.5f) - Math.log(0.25f) - Math.log(0.8f), 2), r);
        assertEquals(3, e.classes());
        assertArrayEquals(new long[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}}, e.confusion());
        assertEquals(2.0 / 3, e.pixelAccuracy(), 0.0);
        assertEquals(r.lossSum() / 3, e.loss(), 0.0);
        assertEquals(r.meanLoss(), e.loss(), 0.0);
        assertEquals(List.of(r), e.worst(1));
    }

    @Test
    void floatLabelsTruncateTowardZeroAsKerasCastsThem() {
        Tensor labels = Tensor.ofFloats(Shape.of(1, 2), 1.9f, 0.2f);
        Tensor pred = Tensor.ofFloats(Shape.of(1, 2, 2), 0.1f, 0.9f, 0.7f, 0.3f);
        Evaluation e = evaluator(SUM_IGNORING_255).evaluate("f.npy", labels, pred);
        assertArrayEquals(new long[][] {{1, 0}, {0, 1}}, e.confusion());
    }

    @Test
    void labelsOutOfRangeAreTheLosssError() {
        Tensor labels = Tensor.ofInts(Shape.of(1, 1), 7);
        Tensor pred = Tensor.ofFloats(Shape.of(1, 1, 2), 0.5f, 0.5f);
        assertThrows(InvalidInputException.class,
                () -> evaluator(SUM_IGNORING_255).evaluate("bad.png", labels, pred));
    }

    @Test
    void aBatchFileCountsAsItsImagesNamedByIndexWithTheSameNumbersAsSeparateFiles() {
        Tensor labels = Tensor.ofInts(Shape.of(2, 1, 2, 1), 0, 1, 1, 255);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 1, 2, 2), 0.9f, 0.1f, 0.4f, 0.6f, 0.3f, 0.7f, 0.5f, 0.5f);
        Evaluation batch = evaluator(SUM_IGNORING_255).evaluateBatch("b.npz", labels, pred);
        assertEquals(List.of("b.npz[0]", "b.npz[1]"), batch.images().stream().map(ImageResult::name).toList());
        Evaluation apart = evaluator(SUM_IGNORING_255).evaluate("b.npz[0]", Tensor.ofInts(Shape.of(1, 2), 0, 1),
                Tensor.ofFloats(Shape.of(1, 2, 2), 0.9f, 0.1f, 0.4f, 0.6f))
                .combine(evaluator(SUM_IGNORING_255).evaluate("b.npz[1]", Tensor.ofInts(Shape.of(1, 2), 1, 255),
                        Tensor.ofFloats(Shape.of(1, 2, 2), 0.3f, 0.7f, 0.5f, 0.5f)));
        assertEquals(apart.images(), batch.images());
        assertEquals(apart.loss(), batch.loss(), 0.0);
        assertEquals(3, batch.validPixels());
        assertEquals(1, evaluator(SUM_IGNORING_255).evaluateBatch("one.npz", Tensor.ofInts(Shape.of(1, 2), 0, 1),
                Tensor.ofFloats(Shape.of(1, 2, 2), 0.9f, 0.1f, 0.4f, 0.6f)).images().size(), "[H, W, C] is one image");
    }

    @Test
    void imagesOfALargeBatchAreZeroPaddedSoTheyListInOrder() {
        int n = 11;
        Tensor labels = Tensor.ofInts(Shape.of(n, 1, 1), new int[n]);
        float[] p = new float[n * 2];
        Evaluation e = evaluator(SUM_IGNORING_255).evaluateBatch("b.npy", labels, Tensor.ofFloats(Shape.of(n, 1, 1, 2),
                p));
        assertEquals("b.npy[00]", e.images().get(0).name());
        assertEquals("b.npy[10]", e.images().get(n - 1).name());
    }

    @Test
    void aLabelOutOfRangeInABatchIsReportedAtItsFlatIndexInTheWholeBatch() {
        Tensor labels = Tensor.ofInts(Shape.of(2, 1, 2), 0, 1, 1, 7);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 1, 2, 2), new float[8]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> evaluator(SUM_IGNORING_255).evaluateBatch("b.npz", labels, pred));
        assertEquals(3, e.flatIndex().orElseThrow());
        assertEquals("7", e.label().orElseThrow());
        assertEquals(2, e.numClasses().orElseThrow());
    }

    @Test
    void evaluationsOfDifferentNumbersOfClassesDoNotCombine() {
        Evaluation two = evaluator(SUM_IGNORING_255).evaluate("a", Tensor.ofInts(Shape.of(1, 1), 0),
                Tensor.ofFloats(Shape.of(1, 1, 2), 1f, 0f));
        Evaluation three = evaluator(SUM_IGNORING_255).evaluate("b", Tensor.ofInts(Shape.of(1, 1), 0),
                Tensor.ofFloats(Shape.of(1, 1, 3), 1f, 0f, 0f));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> two.combine(three));
        assertEquals(InvalidInputException.Reason.SHAPE_MISMATCH, e.reason());
        assertThrows(IllegalArgumentException.class, () -> two.combine(two));
        assertEquals(2, new Evaluation().combine(two).classes());
        assertEquals(0, new Evaluation().combine(new Evaluation()).classes());
    }
}
