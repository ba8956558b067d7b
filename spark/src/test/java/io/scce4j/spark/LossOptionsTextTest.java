package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import org.junit.jupiter.api.Test;

/** Loss options as SQL's scce4j_loss takes them: LossOptions.toString()'s words. */
class LossOptionsTextTest {
    @Test
    void readsWhatToStringWrites() {
        LossOptions o = LossOptions.builder().fromLogits(true).reduction(Reduction.SUM).ignoreClass(255)
                .profile(LossProfile.KERAS2).build();
        assertEquals(o, LossOptionsText.parse(o.toString()));
        assertEquals(LossOptions.defaults(), LossOptionsText.parse(LossOptions.defaults().toString()));
        assertEquals(LossOptions.defaults(), LossOptionsText.parse(""));
        assertEquals(LossOptions.defaults(), LossOptionsText.parse(null));
    }

    @Test
    void reductionNamesAreTheProfilesWhereverTheProfileIsWritten() {
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, LossOptionsText.parse("reduction=auto, profile=keras2")
                .reduction());
        assertThrows(InvalidInputException.class, () -> LossOptionsText.parse("reduction=auto"));
    }

    @Test
    void refusesInOneLineNamingWhatIsWrong() {
        assertEquals("unknown loss option 'ignore'; valid: from_logits, reduction, ignore_class, profile",
                assertThrows(InvalidInputException.class, () -> LossOptionsText.parse("ignore=255")).getMessage());
        assertEquals("ignore_class='void'; valid: a label (an integer) or none",
                assertThrows(InvalidInputException.class, () -> LossOptionsText.parse("ignore_class=void"))
                        .getMessage());
        assertEquals("from_logits='yes'; valid: true, false",
                assertThrows(InvalidInputException.class, () -> LossOptionsText.parse("from_logits=yes"))
                        .getMessage());
        assertEquals("loss option 'sum' has no value; write key=value, e.g. ignore_class=255",
                assertThrows(InvalidInputException.class, () -> LossOptionsText.parse("sum")).getMessage());
    }
}
