package io.scce4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native backends' soak: run by {@code mvn -Psoak -pl benchmarks -am verify} (about 15 minutes), not by
 * the default build. Resident memory is printed as it goes; the test fails when it still grows over the second
 * half of the run by more than {@value #SECOND_HALF_GROWTH_MIB} MiB (after warm-up, a leak of even a few bytes
 * per call shows there: 5,000 calls on 8 x 96 x 128 x 23 move 45 GB of tensors).
 */
class NativeSoakTest {
    private static final double SECOND_HALF_GROWTH_MIB = 32;
    private static final int CALLS = Integer.getInteger("scce4j.soak.calls", 10_000);
    private static final int CYCLES = Integer.getInteger("scce4j.soak.cycles", 300);
    private static final boolean ONLY_CYCLES = Boolean.getBoolean("scce4j.soak.onlyCycles");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tf", "nd4j"})
    void tenThousandCallsOnOneBackendLeaveResidentMemoryFlat(String id) {
        org.junit.jupiter.api.Assumptions.assumeFalse(ONLY_CYCLES, "-Dscce4j.soak.onlyCycles");
        List<Soak.Sample> s = Soak.calls(id, CALLS, Shape.of(8, 96, 128, 23), 500,
                x -> System.out.println(id + " call " + x));
        assertFlatOverSecondHalf(id + " calls", s);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tf", "nd4j"})
    void backendsCreatedUsedAndClosedOverAndOverReleaseTheirNativeMemory(String id) {
        List<Soak.Sample> s = Soak.lifecycles(id, CYCLES, 25, x -> System.out.println(id + " cycle " + x));
        assertFlatOverSecondHalf(id + " cycles", s);
    }

    private static void assertFlatOverSecondHalf(String what, List<Soak.Sample> samples) {
        Soak.Sample last = samples.get(samples.size() - 1);
        Soak.Sample middle = samples.stream().filter(x -> x.count >= last.count / 2).findFirst().orElseThrow();
        double growth = last.rssMiB - middle.rssMiB;
        System.out.printf("%s: rss %.1f MiB at %d, %.1f MiB at %d (%+.1f MiB)%n", what, middle.rssMiB, middle.count,
                last.rssMiB, last.count, growth);
        assertTrue(growth <= SECOND_HALF_GROWTH_MIB, what + ": resident memory grew " + growth + " MiB from "
                + middle.count + " to " + last.count);
    }
}
