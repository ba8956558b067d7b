package io.scce4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreKerasDefaults() {
        LossOptions d = LossOptions.defaults();
        assertFalse(d.fromLogits());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, d.reduction());
        assertFalse(d.ignoreClass().isSet());
        assertEquals(LossProfile.KERAS3, d.profile());
    }

    @Test
    void reductionNamesFollowKerasIncludingTheMeanAlias() {
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Reduction.parse("mean"));
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Reduction.parse("auto"));
        assertEquals(Reduction.NONE, Reduction.parse("NONE"));
        assertEquals(Reduction.MEAN_WITH_SAMPLE_WEIGHT, Reduction.parse("mean_with_sample_weight"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Reduction.parse("average"));
        assertEquals("unknown reduction 'average'; valid: none, sum, sum_over_batch_size (alias mean, auto), "
                + "mean_with_sample_weight", e.getMessage());
    }

    @Test
    void profileNamesParseAndUnknownOnesListTheValidOnes() {
        assertEquals(LossProfile.KERAS2_LEGACY, LossProfile.parse("keras2_legacy"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LossProfile.parse("keras4"));
        assertTrue(e.getMessage().endsWith("valid: keras3, keras2, keras2-legacy"), e.getMessage());
    }

    @Test
    void meanWithSampleWeightDoesNotExistInKeras2() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LossOptions.builder()
                .profile(LossProfile.KERAS2).reduction(Reduction.MEAN_WITH_SAMPLE_WEIGHT).build());
        assertEquals(InvalidInputException.Reason.INVALID_ARGUMENT, e.reason());
    }

    @Test
    void ignoreClassAcceptsAnyIntAndMatchesOnlyIt() {
        assertTrue(IgnoreClass.of(-1).ignores(-1));
        assertFalse(IgnoreClass.of(255).ignores(254));
        assertFalse(IgnoreClass.none().ignores(0));
        assertThrows(IllegalStateException.class, () -> IgnoreClass.none().label());
    }

    @Test
    void toBuilderRoundTrips() {
        LossOptions o = LossOptions.builder().fromLogits(true).reduction(Reduction.SUM).ignoreClass(255)
                .profile(LossProfile.KERAS2).build();
        assertEquals(o, o.toBuilder().build());
        assertEquals("from_logits=true, reduction=sum, ignore_class=255, profile=keras2", o.toString());
    }

    @Test
    void eachProfileAcceptsOnlyTheReductionNamesItsKerasKnows() {
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Reduction.parse("auto", LossProfile.KERAS2));
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Reduction.parse("mean", LossProfile.KERAS3));
        InvalidInputException auto = assertThrows(InvalidInputException.class,
                () -> Reduction.parse("auto", LossProfile.KERAS3));
        assertTrue(auto.getMessage().startsWith("Invalid value for argument `reduction`"), auto.getMessage());
        InvalidInputException mean = assertThrows(InvalidInputException.class,
                () -> Reduction.parse("mean", LossProfile.KERAS2));
        assertTrue(mean.getMessage().startsWith("Invalid Reduction Key: mean"), mean.getMessage());
        assertThrows(InvalidInputException.class,
                () -> Reduction.parse("mean_with_sample_weight", LossProfile.KERAS2_LEGACY));
    }
}
