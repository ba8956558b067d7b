package io.scce4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scce4j.api.DType;
import io.scce4j.api.LossProfile;
import org.junit.jupiter.api.Test;

/** The table of {@link LossProfile}'s Javadoc (from Keras's sources, see the README's profile table). */
class PrecisionTest {

    @Test
    void keras3ComputesInFloat32WhateverTheInput() {
        assertEquals(Precision.FLOAT32, Precision.of(LossProfile.KERAS3, DType.FLOAT32));
        assertEquals(Precision.FLOAT32, Precision.of(LossProfile.KERAS3, DType.FLOAT64));
    }

    @Test
    void keras2KeepsFloat64Throughout() {
        assertEquals(Precision.FLOAT32, Precision.of(LossProfile.KERAS2, DType.FLOAT32));
        Precision p = Precision.of(LossProfile.KERAS2, DType.FLOAT64);
        assertEquals(DType.FLOAT64, p.lossType());
        assertEquals(DType.FLOAT64, p.reductionType());
        assertEquals(DType.FLOAT64, p.valueType());
    }

    @Test
    void keras2LegacyReducesFloat64LossesInFloat32AndReturnsFloat64() {
        Precision p = Precision.of(LossProfile.KERAS2_LEGACY, DType.FLOAT64);
        assertEquals(DType.FLOAT64, p.lossType());
        assertEquals(DType.FLOAT32, p.reductionType());
        assertEquals(DType.FLOAT64, p.valueType());
        assertEquals(Precision.FLOAT32, Precision.of(LossProfile.KERAS2_LEGACY, DType.FLOAT32));
    }
}
