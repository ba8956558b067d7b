package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluation on {@code local[2]} against the single-process one ({@link Reference}): the same reports, bit for
 * bit, for any partitioning, from folders and from tables; bad images end it with the command's error, the first
 * in image order, or are listed and skipped.
 */
class SparkEvalLocalTest {
    private static final int IMAGES = 13;
    private static final int CLASSES = 5;
    private static final EvalSettings SETTINGS = EvalSettings.defaults().withIgnoreClass(TestImages.VOID)
            .withBackend("cpu");

    @TempDir
    static Path dir;
    static Path masks;
    static Path predictions;
    static SparkSession spark;
    static Evaluation reference;
    static LossOptions options;

    @BeforeAll
    static void start() throws IOException {
        TestImages.write(dir.resolve("good"), IMAGES, 24, 32, CLASSES, 7);
        masks = dir.resolve("good/masks");
        predictions = dir.resolve("good/predictions");
        options = SETTINGS.lossOptions();
        reference = Reference.evaluate(masks, predictions, options);
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Every report equal, character for character, and the loss and counts bit for bit. */
    static void assertSame(Evaluation expected, Evaluation actual) {
        assertEquals(Double.doubleToRawLongBits(expected.loss()), Double.doubleToRawLongBits(actual.loss()),
                () -> expected.loss() + " vs " + actual.loss());
        assertArrayEquals(expected.confusion(), actual.confusion());
        assertEquals(expected.images(), actual.images());
        EvaluationReport e = EvaluationReport.of(expected, options, 5);
        EvaluationReport a = EvaluationReport.of(actual, options, 5);
        assertEquals(e.text(), a.text());
        assertEquals(e.json(), a.json());
        assertEquals(e.csv(), a.csv());
        assertEquals(e.html(), a.html());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {0, 1, 2, 5, IMAGES})
    void foldersGiveTheSingleProcessEvaluationForAnyPartitioning(int partitions) throws Exception {
        SparkEvalResult r = SparkEval.with(SETTINGS.withPartitions(partitions)).files(spark, masks.toString(),
                predictions.toString());
        assertEquals(IMAGES, r.evaluation().images().size());
        assertSame(reference, r.evaluation());
        assertEquals(List.of(), r.skipped());
        assertEquals(partitions == 0 ? SparkEval.defaultPartitions(IMAGES, 2) : partitions, r.stats().tasks());
    }

    @Test
    void uriAndThePropertyChosenBackendGiveTheSameEvaluation() throws Exception {
        // The selection rules on the executor (this JVM): the property names test-cpu (cpu's numbers), which
        // priority alone would never choose.
        int opened = io.scce4j.spark.testbackend.TestCpuBackendProvider.OPENED.get();
        System.setProperty("scce4j.backend", "test-cpu");
        try {
            SparkEvalResult r = SparkEval.with(SETTINGS.withBackend(null).withPartitions(3)).files(spark,
                    masks.toUri().toString(), predictions.toUri().toString());
            assertSame(reference, r.evaluation());
        } finally {
            System.clearProperty("scce4j.backend");
        }
        assertEquals(opened + 1, io.scce4j.spark.testbackend.TestCpuBackendProvider.OPENED.get());
    }

    @Test
    void progressCountsEveryImageOnceAsTasksFinish() throws Exception {
        List<String> lines = new ArrayList<>();
        SparkEval.with(SETTINGS.withPartitions(4)).withProgress(lines::add).files(spark, masks.toString(),
                predictions.toString());
        assertEquals(4, lines.size(), lines::toString);
        assertEquals("eval: 13/13 images (4/4 tasks)", lines.get(3));
    }

    @Test
    void theJobIsNamedAsTheSparkUiShowsIt() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch stageDone = new java.util.concurrent.CountDownLatch(1);
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
                seen.add("job: " + e.properties().getProperty("spark.job.description"));
            }

            @Override
            public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted e) {
                seen.add("stage: " + e.stageInfo().name());
                stageDone.countDown();
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            SparkEval.with(SETTINGS.withPartitions(2)).files(spark, masks.toString(), predictions.toString());
            assertTrue(stageDone.await(30, java.util.concurrent.TimeUnit.SECONDS), "no stage completed");
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        assertEquals(List.of("job: scce4j eval: 13 images from " + masks + " and " + predictions,
                "stage: " + SparkEval.STAGE), seen);
    }

    @Test
    void aTableOfFileBytesGivesTheSameEvaluation() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Path m : list(masks)) {
            String stem = m.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            Path p = list(predictions).stream().filter(f -> f.getFileName().toString().startsWith(stem + "."))
                    .findFirst().orElseThrow();
            rows.add(RowFactory.create(m.getFileName().toString(), Files.readAllBytes(m), Files.readAllBytes(p)));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("mask", DataTypes.BinaryType)
                .add("prediction", DataTypes.BinaryType);
        Path parquet = dir.resolve("images.parquet");
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(parquet.toString());
        Dataset<Row> table = spark.read().parquet(parquet.toString());
        SparkEvalResult r = SparkEval.with(SETTINGS).table(table, "id", "mask", "prediction");
        assertSame(reference, r.evaluation());
    }

    @Test
    void aTableOfNestedArraysGivesTheSameEvaluation() throws Exception {
        Path dirOfArrays = dir.resolve("arrays");
        TestImages.write(dirOfArrays, 4, 6, 7, 3, 11, false);
        Evaluation expected = Reference.evaluate(dirOfArrays.resolve("masks"), dirOfArrays.resolve("predictions"),
                options);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SplittableRandom r = new SplittableRandom(11 * 1_000_003L + i);
            int[] labels = TestImages.labels(r, 6, 7, 3);
            float[] probs = TestImages.probabilities(r, labels, 3);
            int[][] mask = new int[6][7];
            float[][][] pred = new float[6][7][3];
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 7; x++) {
                    mask[y][x] = labels[y * 7 + x];
                    for (int c = 0; c < 3; c++) {
                        pred[y][x][c] = probs[(y * 7 + x) * 3 + c];
                    }
                }
            }
            rows.add(RowFactory.create(String.format("img%04d.png", i), mask, pred));
        }
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("y_true", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType)))
                .add("y_pred", DataTypes.createArrayType(DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.FloatType))));
        SparkEvalResult r = SparkEval.with(SETTINGS).table(spark.createDataFrame(rows, schema).repartition(2),
                "name", "y_true", "y_pred");
        assertSame(expected, r.evaluation());
    }

    /** A copy of the good images with image 3's prediction cut short and image 9's mask no PNG. */
    private static Path withBadFiles(String name) throws IOException {
        Path copy = copy(name);
        Path p3 = copy.resolve("predictions/img0003.npz");
        Files.write(p3, java.util.Arrays.copyOf(Files.readAllBytes(p3), 40));
        Files.write(copy.resolve("masks/img0009.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        return copy;
    }

    private static Path copy(String name) throws IOException {
        Path copy = dir.resolve(name);
        for (String sub : List.of("masks", "predictions")) {
            Files.createDirectories(copy.resolve(sub));
            for (Path f : list(dir.resolve("good").resolve(sub))) {
                Files.copy(f, copy.resolve(sub).resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted(Comparator.comparing(Path::toString)).collect(Collectors.toList());
        }
    }

    private static String cliError(Path data) {
        Reference.Run cli = Reference.cli("eval", "--y-true", data.resolve("masks").toString(), "--y-pred",
                data.resolve("predictions").toString(), "--ignore-class", "255", "--backend", "cpu");
        assertEquals(3, cli.status(), cli::err);
        return cli.error().substring("scce4j: error: ".length());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 4, IMAGES})
    void aBadFileEndsTheJobWithTheCommandsErrorForTheFirstBadImage(int partitions) throws IOException {
        Path data = withBadFiles("bad-" + partitions);
        BadImageException e = assertThrows(BadImageException.class, () -> SparkEval.with(
                SETTINGS.withPartitions(partitions)).files(spark, data.resolve("masks").toString(),
                        data.resolve("predictions").toString()));
        assertEquals(cliError(data), e.getMessage());
        assertEquals("img0003.png", e.image());
    }

    @Test
    void skippingListsTheBadImagesWithTheCommandsErrorsAndEvaluatesTheRest() throws Exception {
        Path data = withBadFiles("skip");
        SparkEvalResult r = SparkEval.with(SETTINGS.withSkipBadImages(true).withPartitions(5)).files(spark,
                data.resolve("masks").toString(), data.resolve("predictions").toString());
        assertEquals(List.of("img0003.png", "img0009.png"), r.skipped().stream().map(SkippedImage::name)
                .collect(Collectors.toList()));
        assertEquals(cliError(data), r.skipped().get(0).error());
        Files.delete(data.resolve("masks/img0003.png"));
        assertEquals(cliError(data), r.skipped().get(1).error()); // now the command's first bad image
        Files.delete(data.resolve("masks/img0009.png"));
        assertSame(Reference.evaluate(data.resolve("masks"), data.resolve("predictions"), options), r.evaluation());
    }

    /** Image {@code i}'s prediction with one class more. */
    private static void addClass(Path data, int i) throws IOException {
        SplittableRandom r = new SplittableRandom(99);
        int[] labels = TestImages.labels(r, 24, 32, CLASSES);
        Path p = data.resolve(String.format("predictions/img%04d.npy", i));
        Files.deleteIfExists(data.resolve(String.format("predictions/img%04d.npz", i)));
        Files.write(p, TestImages.npy(TestImages.probabilities(r, labels, CLASSES + 1), 24, 32, CLASSES + 1));
    }

    @ParameterizedTest(name = "image {0} has another number of classes")
    @ValueSource(ints = {0, 6})
    void aPredictionWithOtherClassesThanTheFirstEndsTheJobAsTheCommandDoes(int image) throws IOException {
        Path data = copy("classes-" + image);
        addClass(data, image);
        for (int partitions : new int[] {1, IMAGES}) {
            BadImageException e = assertThrows(BadImageException.class, () -> SparkEval.with(
                    SETTINGS.withPartitions(partitions)).files(spark, data.resolve("masks").toString(),
                            data.resolve("predictions").toString()));
            assertEquals(cliError(data), e.getMessage());
        }
    }

    @Test
    void aLabelOutOfRangeEndsTheJobWithTheLossesError() throws IOException {
        Path data = copy("label");
        int[] labels = TestImages.labels(new SplittableRandom(5), 24, 32, CLASSES);
        labels[40] = CLASSES + 2;
        Files.delete(data.resolve("masks/img0004.npy"));
        Files.write(data.resolve("masks/img0004.npy"), TestImages.npy(labels, 24, 32));
        BadImageException e = assertThrows(BadImageException.class, () -> SparkEval.with(SETTINGS.withPartitions(3))
                .files(spark, data.resolve("masks").toString(), data.resolve("predictions").toString()));
        assertEquals(cliError(data), e.getMessage());
        assertTrue(e.getMessage().contains("label 7 is outside [0, 5)"), e::getMessage);
    }

    @Test
    void aMissingFolderIsTheCommandsError() {
        Path missing = dir.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> SparkEval.with(SETTINGS).files(spark,
                missing.toString(), predictions.toString()));
        assertEquals("cannot read " + missing + ": no such file", Messages.describe(e));
    }

    @Test
    void aTableWithAnIdTwiceIsRefused() {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("mask", DataTypes.BinaryType)
                .add("prediction", DataTypes.BinaryType);
        byte[] mask = TestImages.npy(new int[] {0, 1}, 1, 2);
        byte[] pred = TestImages.npy(new float[] {0.9f, 0.1f, 0.2f, 0.8f}, 1, 2, 2);
        Dataset<Row> t = spark.createDataFrame(List.of(RowFactory.create("a", mask, pred),
                RowFactory.create("a", mask, pred)), schema);
        BadImageException e = assertThrows(BadImageException.class, () -> SparkEval.with(SETTINGS).table(t, "id",
                "mask", "prediction"));
        assertEquals("the id 'a' comes twice; each image needs its own id", e.getMessage());
    }
}
