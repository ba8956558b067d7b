package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.io.HostileFiles;
import io.scce4j.io.HostileFiles.HostileFile;
import io.scce4j.io.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files built to hurt ({@link HostileFiles}, from io's tests, where the readers refuse each one): each must end
 * the command with exit status 3 and a single {@code scce4j: error:} line naming the problem, leave stdout empty,
 * and allocate nothing like what the file claims (checked with the thread's allocation counter). The timeout only
 * guards against a hang; timings are reported, not asserted.
 */
class HostileFilesTest {
    /** Far below every claim made here (the smallest is 1.5 GB), far above what a refusal costs. */
    private static final long ALLOCATION_LIMIT = 256L << 20;

    @TempDir
    static Path dir;
    private static Path goodLabels;
    private static Path goodPredictions;

    @BeforeAll
    static void goodInputs() throws IOException {
        goodLabels = dir.resolve("labels.npy");
        goodPredictions = dir.resolve("pred.npy");
        Npy.write(goodLabels, Tensor.ofInts(Shape.of(2), 0, 1));
        Npy.write(goodPredictions, Tensor.ofFloats(Shape.of(2, 2), 0.9f, 0.1f, 0.2f, 0.8f));
    }

    static Stream<Arguments> hostileFiles() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (HostileFile f : HostileFiles.all()) {
            Path file = dir.resolve(f.fileName());
            Files.write(file, f.bytes());
            String[] args = f.kind() == HostileFiles.Kind.PNG ? loss(file, goodPredictions) : loss(goodLabels, file);
            cases.add(Arguments.of(f.what(), args, f.expected()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a performance assertion
    void endsWithExitStatusThreeAndOneLineWithoutAllocatingTheClaim(String what, String[] args, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long allocatedBefore = allocatedByThisThread();
        long started = System.nanoTime();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Scce4jModule());
        long millis = (System.nanoTime() - started) / 1_000_000;
        long allocated = allocatedByThisThread() - allocatedBefore;
        System.out.printf("hostile file: %-60s %5d ms %7d kB allocated: %s", what, millis, allocated >> 10, err);

        assertEquals(3, status, what + ": " + err);
        String[] lines = err.toString().split("\n");
        assertEquals(1, lines.length, what + ": " + err);
        assertTrue(lines[0].startsWith("scce4j: error: "), lines[0]);
        assertTrue(lines[0].contains(expected), what + ": expected '" + expected + "' in " + lines[0]);
        assertEquals("", out.toString(), what);
        assertTrue(allocated < ALLOCATION_LIMIT, what + ": allocated " + allocated + " bytes");
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static String[] loss(Path yTrue, Path yPred) {
        return new String[] {"loss", "--backend", "cpu", "--y-true", yTrue.toString(), "--y-pred", yPred.toString()};
    }
}
