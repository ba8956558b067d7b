package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static ConfusionMatrix of(int classes, int... trueAndPredicted) {
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < trueAndPredicted.length; i += 2) {
            m.add(trueAndPredicted[i], trueAndPredicted[i + 1]);
        }
        return m;
    }

    @Test
    void iouIsTruePositivesOverTheUnionAndNaNForAClassThatAppearsNowhere() {
        ConfusionMatrix m = of(3, 0, 0, 0, 0, 0, 1, 1, 1);
        double[] iou = m.iou();
        assertEquals(2.0 / 3, iou[0], 0.0);
        assertEquals(1.0 / 2, iou[1], 0.0);
        assertTrue(Double.isNaN(iou[2]));
        assertEquals((2.0 / 3 + 1.0 / 2) / 2, m.meanIou(), 0.0, "Keras MeanIoU leaves class 2 out");
        assertEquals(3.0 / 4, m.pixelAccuracy(), 0.0);
    }

    @Test
    void combiningAddsTheCountsAndNeedsTheSameClasses() {
        ConfusionMatrix m = of(2, 0, 1).combine(of(2, 0, 1, 1, 1));
        assertArrayEquals(new long[][] {{0, 2}, {0, 1}}, m.counts());
        assertEquals(of(2, 1, 1, 0, 1, 0, 1), m);
        assertThrows(InvalidInputException.class, () -> m.combine(new ConfusionMatrix(3)));
    }

    @Test
    void anEmptyMatrixHasAccuracyAndMeanIouZero() {
        assertEquals(0.0, new ConfusionMatrix(4).pixelAccuracy(), 0.0);
        assertEquals(0.0, new ConfusionMatrix(4).meanIou(), 0.0);
    }

    @Test
    void countsAreACopy() {
        ConfusionMatrix m = of(1, 0, 0);
        m.counts()[0][0] = 99;
        assertEquals(1, m.count(0, 0));
    }
}
