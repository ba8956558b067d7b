package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.scce4j.api.Backend;
import io.scce4j.api.DType;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.discovery.Backends;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.io.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
    @TempDir
    static Path dir;

    private static Path yTrue;
    private static Path yTrueWithVoid;
    private static Path yPred32;
    private static Path yPred64;
    private static Path logits;
    private static Path weights;

    /** Exit status and what went to stdout and stderr. */
    private static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Result run(Module module, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), module);
        return new Result(status, out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(new Scce4jModule(), args);
    }

    @BeforeAll
    static void writeInputs() throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        int pixels = 2 * 3 * 4;
        int classes = 3;
        int[] labels = new int[pixels];
        int[] labelsWithVoid = new int[pixels];
        float[] p = new float[pixels * classes];
        double[] p64 = new double[pixels * classes];
        float[] z = new float[pixels * classes];
        float[] w = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            labels[i] = r.nextInt(classes);
            labelsWithVoid[i] = i % 7 == 0 ? 255 : labels[i];
            w[i] = (float) r.nextDouble(0, 2);
            for (int c = 0; c < classes; c++) {
                p64[i * classes + c] = r.nextDouble();
                p[i * classes + c] = (float) p64[i * classes + c];
                z[i * classes + c] = (float) r.nextGaussian();
            }
        }
        yTrue = dir.resolve("y_true.npy");
        yTrueWithVoid = dir.resolve("y_true_void.npy");
        Npy.write(yTrueWithVoid, Tensor.ofInts(Shape.of(2, 3, 4, 1), labelsWithVoid));
        yPred32 = dir.resolve("y_pred32.npy");
        yPred64 = dir.resolve("y_pred64.npy");
        logits = dir.resolve("logits.npy");
        weights = dir.resolve("weights.npy");
        Npy.write(yTrue, Tensor.ofInts(Shape.of(2, 3, 4, 1), labels));
        Npy.write(yPred32, Tensor.ofFloats(Shape.of(2, 3, 4, classes), p));
        Npy.write(yPred64, Tensor.ofDoubles(Shape.of(2, 3, 4, classes), p64));
        Npy.write(logits, Tensor.ofFloats(Shape.of(2, 3, 4, classes), z));
        Npy.write(weights, Tensor.ofFloats(Shape.of(2, 3, 4), w));
    }

    @Test
    void compareWithoutFilesPrintsTheForumLossesAndMean() {
        Result r = run("compare");
        assertEquals(0, r.status, r.err);
        for (String printed : new String[] {"2.30258512", "0.51082563", "0.79850769", "0.35667494", "0.22314355",
            "0.05129329", "0.16251893", "1.38629436", "0.01005034", "0.6446548700332642", "0.64465487"}) {
            assertTrue(r.out.contains(printed), printed + " missing from:\n" + r.out);
        }
        assertTrue(r.out.contains("profile keras2-legacy"), r.out);
        assertTrue(r.out.contains("profile keras3"), r.out);
        assertEquals("", r.err);
    }

    static Stream<Arguments> everyOptionCombination() {
        List<Arguments> list = new ArrayList<>();
        for (Reduction red : Reduction.values()) {
            for (LossProfile profile : LossProfile.values()) {
                if (red == Reduction.MEAN_WITH_SAMPLE_WEIGHT && profile.isKeras2()) {
                    continue;
                }
                for (boolean fromLogits : new boolean[] {false, true}) {
                    for (boolean ignore : new boolean[] {false, true}) {
                        if (ignore && profile == LossProfile.KERAS2_LEGACY) {
                            continue;
                        }
                        for (boolean weighted : new boolean[] {false, true}) {
                            list.add(Arguments.of(red, profile, fromLogits, ignore, weighted));
                        }
                    }
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} from_logits={2} ignore={3} weighted={4}")
    @MethodSource("everyOptionCombination")
    void lossWritesTheLibrarysValueAndGradientForEveryOptionCombination(Reduction red, LossProfile profile,
            boolean fromLogits, boolean ignore, boolean weighted) throws IOException {
        Path pred = fromLogits ? logits : profile.isKeras2() ? yPred64 : yPred32;
        Path out = dir.resolve("value-" + red + profile + fromLogits + ignore + weighted + ".npy");
        Path grad = dir.resolve("grad-" + red + profile + fromLogits + ignore + weighted + ".npy");
        Path labels = ignore ? yTrueWithVoid : yTrue;
        List<String> args = new ArrayList<>(List.of("loss", "--y-true", labels.toString(), "--y-pred",
                pred.toString(), "--reduction", red.kerasName(), "--profile", profile.id(), "--backend", "cpu",
                "--out", out.toString(), "--gradient-out", grad.toString(), "--format", "json"));
        if (fromLogits) {
            args.add("--from-logits");
        }
        if (ignore) {
            args.addAll(List.of("--ignore-class", "255"));
        }
        if (weighted) {
            args.addAll(List.of("--sample-weight", weights.toString()));
        }
        Result r = run(args.toArray(new String[0]));
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("\"loss\""), r.out);

        LossOptions o = LossOptions.builder().reduction(red).profile(profile).fromLogits(fromLogits)
                .ignoreClass(ignore ? IgnoreClass.of(255) : IgnoreClass.none()).build();
        try (Backend cpu = Backends.load("cpu")) {
            LossWithGradient expected = cpu.loss(o).computeWithGradient(Npy.read(labels), Npy.read(pred),
                    weighted ? Npy.read(weights) : null);
            assertEquals(expected.value(), Npy.read(out));
            assertEquals(expected.gradient(), Npy.read(grad));
        }
    }

    @Test
    void predictWritesAnInt32MaskWithoutTheClassAxis() throws IOException {
        Path out = dir.resolve("mask.npy");
        Result r = run("predict", "--y-pred", logits.toString(), "--out", out.toString());
        assertEquals(0, r.status, r.err);
        Tensor mask = Npy.read(out);
        assertEquals(DType.INT32, mask.dtype());
        assertEquals(Shape.of(2, 3, 4), mask.shape());
    }

    private static void assertOneLineError(Result r, int status, String contains) {
        assertEquals(status, r.status, r.out + r.err);
        assertTrue(r.err.startsWith("scce4j: error: "), r.err);
        assertTrue(r.err.contains(contains), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void labelOutOfRangeIsExitThreeNamingTheFileThePixelAndTheValidRange() throws IOException {
        Path bad = dir.resolve("bad_labels.npy");
        Npy.write(bad, Tensor.ofLongs(Shape.of(2, 3, 4), 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0));
        Result r = run("loss", "--y-true", bad.toString(), "--y-pred", yPred32.toString());
        assertOneLineError(r, 3, bad + ": image 0, row 0, column 2: label 5 is outside [0, 3)");
        assertEquals(1, r.err.lines().count());
    }

    @Test
    void missingMalformedAndMismatchedFilesAreExitThree() throws IOException {
        assertOneLineError(run("loss", "--y-true", dir.resolve("nope.npy").toString(), "--y-pred",
                yPred32.toString()), 3, "nope.npy: no such file");
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not numpy at all");
        assertOneLineError(run("predict", "--y-pred", junk.toString()), 3, "bad magic string");
        assertOneLineError(run("loss", "--y-true", yTrue.toString(), "--y-pred", yPred32.toString(),
                "--sample-weight", yPred32.toString()), 3, "sample_weight has shape [2, 3, 4, 3]");
    }

    @Test
    void usageErrorsAreExitTwo() {
        Result unknown = run("loss", "--no-such-flag");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.startsWith("scce4j: error: Unknown option: '--no-such-flag'"), unknown.err);
        assertEquals(2, run("loss", "--y-true", yTrue.toString()).status);
    }

    @Test
    void badOptionValuesAreExitThreeNamingTheValidOnes() {
        assertOneLineError(run("loss", "--reduction", "average"), 3, "valid: none, sum, sum_over_batch_size");
        assertOneLineError(run("loss", "--profile", "keras2", "--reduction", "mean_with_sample_weight"), 3,
                "Invalid Reduction Key: mean_with_sample_weight (in keras2); valid: auto, none, sum");
    }

    @Test
    void aReductionNameTheProfilesKerasRejectsIsRejectedInKerasWords() {
        assertOneLineError(run("loss", "--profile", "keras3", "--reduction", "auto"), 3,
                "Invalid value for argument `reduction` in keras3: received reduction=auto");
        assertOneLineError(run("loss", "--profile", "keras2", "--reduction", "mean"), 3,
                "Invalid Reduction Key: mean (in keras2)");
    }

    @Test
    void unknownBackendIsExitFourNamingWhatIsAvailable() {
        Result r = run("loss", "--backend", "acme");
        assertOneLineError(r, 4, "Backend 'acme' requested via argument was not found. Available: ");
        assertTrue(r.err.contains("cpu (priority 100, "), r.err);
    }

    @Test
    void backendsListsTheCpuBackend() {
        Result r = run("backends");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("cpu") && l.contains("100") && l.contains("yes")),
                r.out);
    }

    @Test
    void versionListsEveryBackend() {
        Result r = run("--version");
        assertEquals(0, r.status);
        assertTrue(r.out.contains("backend cpu "), r.out);
    }

    private static io.scce4j.spi.BackendProvider cpuProvider() {
        return Backends.discover().stream().filter(b -> b.id().equals("cpu")).findFirst().orElseThrow().provider();
    }

    @Test
    void compareFailsWithExitOneWhenBackendsDisagree() {
        Module withSkewed = Modules.override(new Scce4jModule()).with(binder -> OptionalBinder
                .newOptionalBinder(binder, BackendSelector.class).setBinding().toInstance(BackendSelector.of(
                        List.of(cpuProvider(), new SkewedBackendProvider()),
                        k -> null, k -> null)));
        Result r = run(withSkewed, "compare", "--profile", "keras3");
        assertEquals(1, r.status, r.out + r.err);
        assertTrue(r.out.contains("Backends DISAGREE"), r.out);
    }

    @Test
    void conformancePassesTheCpuBackendAndEndsWithTheSummaryLine() throws IOException {
        Path html = dir.resolve("conformance.html");
        Result r = run("conformance", "--backend", "cpu", "--report", html.toString());
        assertEquals(0, r.status, r.err);
        List<String> lines = r.out.lines().collect(java.util.stream.Collectors.toList());
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed, 0 skipped"), r.out);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("keras3-forum-001"), "report");
    }

    @Test
    void conformanceFailsWithExitOneAndOneLinePerFailingCaseWhenTheToleranceIsTooTight() {
        Result r = run("conformance", "--backend", "cpu", "--rel", "0");
        assertEquals(1, r.status);
        long failedLines = r.out.lines().filter(l -> l.startsWith("FAILED ")).count();
        String last = r.out.lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\d+ passed, " + failedLines + " failed, 0 skipped"), last);
    }

    @Test
    void conformanceWritesJunitXml() {
        Result r = run("conformance", "--backend", "cpu", "--format", "junit-xml", "--cases",
                Path.of("..", "conformance-tests", "src", "main", "resources", "io", "scce4j", "conformance", "cases",
                        "keras3", "forum.json").toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("<testsuite name=\"scce4j conformance: cpu") && r.out.contains("tests=\"3\""),
                r.out);
    }

    @Test
    void aMalformedCaseFileIsExitThree() throws IOException {
        Path bad = dir.resolve("bad-cases.json");
        Files.writeString(bad, "{\"format\": \"something-else\"}");
        assertOneLineError(run("conformance", "--cases", bad.toString()), 3, "expected 'scce4j-cases/1'");
    }

    @Test
    void benchPrintsTheJsonContractWithTheFloorMeasuredInTheSameRun() throws IOException {
        Result r = run("bench", "--backends", "cpu", "--shape", "1x8x8x3", "--repetitions", "3", "--threads", "2",
                "--format", "json");
        assertEquals(0, r.status, r.err);
        com.fasterxml.jackson.databind.JsonNode j = Output.JSON.readTree(r.out);
        assertEquals(2, j.get("threads").asInt());
        assertTrue(j.get("floor_ms").has("1") && j.get("floor_ms").has("2"), r.out);
        assertTrue(j.get("floor_sequential_ms").asDouble() > 0, "the old floor, reported beside the new: " + r.out);
        assertFalse(j.has("keras"), "Keras is timed only when asked");
        assertEquals(4, j.get("results").size());
        for (com.fasterxml.jackson.databind.JsonNode res : j.get("results")) {
            assertTrue(res.get("min_ms").asDouble() <= res.get("median_ms").asDouble()
                    && res.get("median_ms").asDouble() <= res.get("max_ms").asDouble(), res.toString());
            assertTrue(res.has("alloc_bytes_per_op"));
        }
    }

    @Test
    void benchAgainstKerasWithoutTheOraclesEnvironmentSaysHowToMakeIt(@TempDir Path empty) {
        Result r = run("bench", "--backends", "cpu", "--shape", "1x8x8x3", "--repetitions", "1", "--against-keras",
                "--keras-oracle", empty.toString());
        assertOneLineError(r, 3, "no Keras environment");
    }

    @Test
    void compareWritesAHeatmapThatDecodes() throws IOException {
        Path png = dir.resolve("heat.png");
        Result r = run("compare", "--y-true", yTrue.toString(), "--y-pred", yPred32.toString(), "--backends",
                "cpu", "--heatmap", png.toString());
        assertEquals(0, r.status, r.err);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 4 && img.getHeight() >= 3, "a picture of the first 3 x 4 image");
    }

    @Test
    void npzArraysAreReadByKeyAndAMissingKeyListsTheKeysThereAre() throws IOException {
        Path npz = dir.resolve("batch.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(npz))) {
            for (Path f : List.of(yTrue, yPred32)) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f == yTrue ? "labels.npy" : "probs.npy"));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        Result ok = run("loss", "--y-true", npz.toString(), "--y-true-key", "labels", "--y-pred", npz.toString(),
                "--y-pred-key", "probs", "--format", "json");
        assertEquals(0, ok.status, ok.err);
        assertOneLineError(run("loss", "--y-true", npz.toString(), "--y-pred", npz.toString()), 3,
                "has no array 'y_true'; it has [labels, probs]");
    }
}
