package io.scce4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.InvalidInputException.Reason;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import org.junit.jupiter.api.Test;

class LossCallTest {
    private static final Tensor PRED = Tensor.ofFloats(Shape.of(2, 2), 0.3f, 0.7f, 0.6f, 0.4f);

    private static InvalidInputException reject(LossOptions o, Tensor yTrue, Tensor yPred, Tensor w) {
        return assertThrows(InvalidInputException.class, () -> LossCall.resolve(o, yTrue, yPred, w));
    }

    @Test
    void labelOutOfRangeUsesKerasWordsAndNamesTheIndex() {
        InvalidInputException e = reject(LossOptions.defaults(), Tensor.ofInts(Shape.of(2), 0, 5), PRED, null);
        assertEquals(Reason.LABEL_OUT_OF_RANGE, e.reason());
        assertEquals("Received a label value of 5 which is outside the valid range of [0, 2) (at flat index 1)",
                e.getMessage());
        assertEquals(Reason.LABEL_OUT_OF_RANGE,
                reject(LossOptions.defaults(), Tensor.ofLongs(Shape.of(2), -1, 0), PRED, null).reason());
    }

    @Test
    void aLabelOutOfRangeCarriesItsValueFlatIndexAndClassCountForCallersToLocateIt() {
        Tensor pred = Tensor.ofFloats(Shape.of(1, 2, 2, 2), 0.3f, 0.7f, 0.6f, 0.4f, 0.3f, 0.7f, 0.6f, 0.4f);
        for (Tensor labels : new Tensor[] {Tensor.ofInts(Shape.of(1, 2, 2), 0, 1, 255, 0),
            Tensor.ofInts(Shape.of(1, 2, 2, 1), 0, 1, 255, 0), Tensor.ofLongs(Shape.of(1, 2, 2), 0, 1, 255, 0),
            Tensor.ofFloats(Shape.of(1, 2, 2), 0, 1, 255, 0)}) {
            InvalidInputException e = reject(LossOptions.defaults(), labels, pred, null);
            assertEquals("255", e.label().orElseThrow(), labels.toString());
            assertEquals(2, e.flatIndex().orElseThrow(), labels.toString());
            assertEquals(2, e.numClasses().orElseThrow(), labels.toString());
        }
        InvalidInputException flattened = reject(LossOptions.builder().profile(LossProfile.KERAS2).build(),
                Tensor.ofInts(Shape.of(4), 0, 0, 0, -1), pred, null);
        assertEquals(3, flattened.flatIndex().orElseThrow(), "keras2's flattened labels keep the order");
        assertTrue(InvalidInputException.shapeMismatch("x").flatIndex().isEmpty());
        assertTrue(InvalidInputException.shapeMismatch("x").label().isEmpty());
    }

    @Test
    void nanOrInfiniteFloatLabelIsOutOfRange() {
        InvalidInputException e = reject(LossOptions.defaults(), Tensor.ofFloats(Shape.of(2), 0f, Float.NaN), PRED,
                null);
        assertEquals(Reason.LABEL_OUT_OF_RANGE, e.reason());
        assertTrue(e.getMessage().startsWith("Received a label value of NaN"), e.getMessage());
        assertEquals(Reason.LABEL_OUT_OF_RANGE, reject(LossOptions.defaults(),
                Tensor.ofDoubles(Shape.of(2), 0, Double.NEGATIVE_INFINITY), PRED, null).reason());
    }

    @Test
    void floatLabelsTruncateTowardZeroAsKerasCastsThem() {
        LossCall in = LossCall.resolve(LossOptions.defaults(), Tensor.ofFloats(Shape.of(2), 1.9f, -0.5f), PRED,
                null);
        assertEquals(1, in.label(0));
        assertEquals(0, in.label(1));
    }

    @Test
    void ignoredLabelMayLieOutsideTheClassRange() {
        LossOptions o = LossOptions.builder().ignoreClass(255).build();
        LossCall in = LossCall.resolve(o, Tensor.ofInts(Shape.of(2), 255, 1), PRED, null);
        assertTrue(in.isIgnored(0));
        assertFalse(in.isIgnored(1));
        assertEquals(1, in.numValid());
    }

    @Test
    void labelsWithATrailingOneAreSqueezed() {
        LossCall in = LossCall.resolve(LossOptions.builder().reduction(Reduction.NONE).build(),
                Tensor.ofInts(Shape.of(2, 1), 1, 0), PRED, null);
        assertEquals(2, in.numElements());
        assertEquals(1, in.label(0));
        assertEquals(0, in.label(1));
        assertEquals(Shape.of(2), in.valueShape());
    }

    @Test
    void labelShapeThatDoesNotFitNamesBothValidShapes() {
        InvalidInputException e = reject(LossOptions.defaults(), Tensor.ofInts(Shape.of(3), 0, 1, 0), PRED, null);
        assertEquals(Reason.SHAPE_MISMATCH, e.reason());
        assertEquals("y_true has shape [3] but y_pred has shape [2, 2]; y_true must be [2] or [2, 1]",
                e.getMessage());
    }

    @Test
    void sampleWeightMustBroadcastToTheLossShape() {
        Tensor labels = Tensor.ofInts(Shape.of(2), 0, 1);
        assertEquals(LossCall.WeightKind.SCALAR,
                LossCall.resolve(LossOptions.defaults(), labels, PRED, Tensor.scalar(2f)).weightKind());
        assertEquals(LossCall.WeightKind.PER_ELEMENT, LossCall.resolve(LossOptions.defaults(), labels, PRED,
                Tensor.ofFloats(Shape.of(2, 1), 1f, 2f)).weightKind());
        InvalidInputException e = reject(LossOptions.defaults(), labels, PRED, Tensor.ofFloats(Shape.of(3), 1, 2, 3));
        assertEquals(Reason.SHAPE_MISMATCH, e.reason());
        assertEquals("sample_weight has shape [3], which does not broadcast to the loss shape [2]; valid: [] "
                + "(scalar), [2], [2, 1] or a shape that broadcasts to [2] (e.g. [N, 1, 1] per image)", e.getMessage());
    }

    @Test
    void aPerImageWeightReachesEveryPixelOfItsImage() {
        Tensor labels = Tensor.ofInts(Shape.of(2, 2, 2), new int[8]);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 2, 2, 2), new float[16]);
        LossCall call = LossCall.resolve(LossOptions.builder().reduction(Reduction.NONE).build(), labels, pred,
                Tensor.ofFloats(Shape.of(2, 1, 1), 3f, 5f));
        assertEquals(LossCall.WeightKind.BROADCAST, call.weightKind());
        assertEquals(Shape.of(2, 2, 2), call.valueShape());
        double[] weights = new double[8];
        for (int i = 0; i < 8; i++) {
            weights[i] = call.weight(i);
        }
        assertArrayEquals(new double[] {3, 3, 3, 3, 5, 5, 5, 5}, weights);
        LossCall perColumn = LossCall.resolve(LossOptions.defaults(), labels, pred, Tensor.ofFloats(Shape.of(2), 1f, 4f));
        assertEquals(4.0, perColumn.weight(7));
        assertEquals(1.0, perColumn.weight(6));
    }

    @Test
    void onlyKeras2ExpandsAWeightOneRankBelowTheLoss() {
        Tensor labels = Tensor.ofInts(Shape.of(2, 3, 4), new int[24]);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 3, 4, 2), new float[48]);
        Tensor perRow = Tensor.ofFloats(Shape.of(2, 3), new float[6]);
        LossOptions keras2 = LossOptions.builder().profile(LossProfile.KERAS2).build();
        assertEquals(LossCall.WeightKind.BROADCAST, LossCall.resolve(keras2, labels, pred, perRow).weightKind());
        assertEquals(Reason.SHAPE_MISMATCH, reject(LossOptions.defaults(), labels, pred, perRow).reason());
    }

    @Test
    void aWeightThatWouldMultiplyTheLossesIsRefused() {
        Tensor labels = Tensor.ofInts(Shape.of(2), 0, 1);
        InvalidInputException e = reject(LossOptions.defaults(), labels, PRED, Tensor.ofFloats(Shape.of(3, 1, 1), 1,
                2, 3));
        assertEquals(Reason.SHAPE_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("would broadcast the loss [2] to [3, 1, 2]"), e.getMessage());
    }

    @Test
    void keras2FlattensLabelsOfAnotherRankAndKeras3RefusesThem() {
        Tensor flat = Tensor.ofInts(Shape.of(4), 0, 1, 1, 0);
        Tensor pred = Tensor.ofFloats(Shape.of(2, 2, 2), new float[8]);
        LossCall call = LossCall.resolve(LossOptions.builder().profile(LossProfile.KERAS2).build(), flat, pred, null);
        assertEquals(1, call.label(2));
        assertEquals(Reason.SHAPE_MISMATCH, reject(LossOptions.defaults(), flat, pred, null).reason());
        assertEquals(Reason.SHAPE_MISMATCH, reject(LossOptions.builder().profile(LossProfile.KERAS2).build(),
                Tensor.ofInts(Shape.of(2, 3), new int[6]), Tensor.ofFloats(Shape.of(2, 2, 2), new float[8]), null)
                .reason());
    }

    @Test
    void predictionsMustBeFloatingWithAClassAxis() {
        assertEquals(Reason.INVALID_ARGUMENT, reject(LossOptions.defaults(), Tensor.ofInts(Shape.of(2), 0, 1),
                Tensor.ofInts(Shape.of(2, 2), 1, 0, 0, 1), null).reason());
        assertEquals(Reason.SHAPE_MISMATCH, reject(LossOptions.defaults(), Tensor.ofInts(Shape.scalar(), 0),
                Tensor.scalar(0.5f), null).reason());
        assertEquals(Reason.INVALID_ARGUMENT, reject(LossOptions.defaults(), null, PRED, null).reason());
    }

    @Test
    void keras2LegacyHasNoIgnoreClass() {
        InvalidInputException e = reject(LossOptions.builder().profile(LossProfile.KERAS2_LEGACY).ignoreClass(1)
                .build(), Tensor.ofInts(Shape.of(2), 0, 1), PRED, null);
        assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    }

    @Test
    void keras3ReturnsARankOneLossAsNByOneToMeetANByOneWeight() {
        LossOptions none = LossOptions.builder().reduction(Reduction.NONE).build();
        Tensor labels = Tensor.ofInts(Shape.of(2), 0, 1);
        Tensor weights = Tensor.ofFloats(Shape.of(2, 1), 1f, 2f);
        assertEquals(Shape.of(2, 1), LossCall.resolve(none, labels, PRED, weights).valueShape());
        LossOptions keras2 = none.toBuilder().profile(LossProfile.KERAS2).build();
        assertEquals(Shape.of(2), LossCall.resolve(keras2, labels, PRED, weights).valueShape());
    }

    @Test
    void keras3LeavesAnEmptyRankOneLossUnreducedButKeras2ReducesIt() {
        Tensor labels = Tensor.ofInts(Shape.of(0));
        Tensor pred = Tensor.ofFloats(Shape.of(0, 3));
        LossCall k3 = LossCall.resolve(LossOptions.defaults(), labels, pred, null);
        assertFalse(k3.isReduced());
        assertEquals(Shape.of(0), k3.valueShape());
        LossCall k2 = LossCall.resolve(LossOptions.builder().profile(LossProfile.KERAS2).build(), labels,
                pred, null);
        assertTrue(k2.isReduced());
        assertEquals(Shape.scalar(), k2.valueShape());
    }
}
