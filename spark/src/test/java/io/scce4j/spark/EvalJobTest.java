package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scce4j-spark} ({@link EvalJob} on an embedded {@code local[2]}) against {@code scce4j eval}
 * ({@code io.scce4j.cli.Main}) on the same files: the same stdout, HTML and CSV, the same error lines and exit
 * statuses.
 */
class EvalJobTest {
    @TempDir
    static Path dir;
    static Path masks;
    static Path predictions;

    @BeforeAll
    static void data() throws IOException {
        TestImages.write(dir, 10, 16, 20, 4, 3);
        masks = dir.resolve("masks");
        predictions = dir.resolve("predictions");
    }

    private static String[] args(String first, String... rest) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(Arrays.asList(rest));
        return a.toArray(new String[0]);
    }

    private static String[] sparkArgs(String... evalArgs) {
        List<String> a = new ArrayList<>(Arrays.asList(evalArgs));
        a.addAll(List.of("--master", "local[2]", "--partitions", "3"));
        return a.toArray(new String[0]);
    }

    @Test
    void textHtmlAndCsvAreTheCommandsCharacterForCharacter() throws IOException {
        Path html = dir.resolve("eval.html");
        Path csv = dir.resolve("per-image.csv");
        String[] eval = {"--y-true", masks.toString(), "--y-pred", predictions.toString(), "--ignore-class", "255",
            "--backend", "cpu", "--report", html.toString(), "--csv", csv.toString(), "--worst", "3"};
        Reference.Run cli = Reference.cli(args("eval", eval));
        assertEquals(0, cli.status(), cli::err);
        String cliHtml = Files.readString(html);
        String cliCsv = Files.readString(csv);
        Files.delete(html);
        Files.delete(csv);

        Reference.Run spark = Reference.spark(sparkArgs(eval));
        assertEquals(0, spark.status(), spark::err);
        assertEquals(cli.out(), spark.out());
        assertEquals(cliHtml, Files.readString(html));
        assertEquals(cliCsv, Files.readString(csv));
        assertTrue(spark.err().contains("eval: 10/10 images (3/3 tasks)"), spark::err);
        assertTrue(spark.err().contains("spark: 3 tasks, 0 failed attempt(s) run again"), spark::err);
    }

    @Test
    void jsonIsTheCommandsWithTheProfileAndFromLogitsOptions() {
        String[] eval = {"--y-true", masks.toString(), "--y-pred", predictions.toString(), "--profile", "keras2",
            "--ignore-class", "255", "--from-logits", "--num-classes", "4", "--backend", "cpu", "--format", "json"};
        Reference.Run cli = Reference.cli(args("eval", eval));
        Reference.Run spark = Reference.spark(sparkArgs(eval));
        assertEquals(0, cli.status(), cli::err);
        assertEquals(0, spark.status(), spark::err);
        assertEquals(cli.out(), spark.out());
        assertTrue(cli.out().contains("\"confusion\""), cli::out);
    }

    @Test
    void errorsAreTheCommandsLinesAndStatuses() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad.resolve("masks"));
        Files.createDirectories(bad.resolve("predictions"));
        for (int i = 0; i < 4; i++) {
            Files.copy(masks.resolve(String.format("img%04d", i) + (i % 3 == 0 ? ".png" : i % 3 == 1 ? ".npy" : ".npz")),
                    bad.resolve("masks").resolve(String.format("img%04d", i) + (i % 3 == 0 ? ".png" : i % 3 == 1
                            ? ".npy" : ".npz")));
            String p = String.format("img%04d", i) + (i % 2 == 1 ? ".npz" : ".npy");
            Files.copy(predictions.resolve(p), bad.resolve("predictions").resolve(p));
        }
        Files.write(bad.resolve("predictions/img0002.npy"), "not numpy".getBytes());
        List<String[]> cases = List.of(
                new String[] {"--y-true", bad.resolve("masks").toString(), "--y-pred",
                    bad.resolve("predictions").toString(), "--backend", "cpu"},
                new String[] {"--y-true", dir.resolve("missing").toString(), "--y-pred", predictions.toString(),
                    "--backend", "cpu"},
                new String[] {"--y-true", masks.toString(), "--y-pred", predictions.resolve("img0000.npy").toString(),
                    "--backend", "cpu"},
                new String[] {"--y-true", masks.toString(), "--y-pred", predictions.toString(), "--backend",
                    "no-such-backend"},
                new String[] {"--y-true", masks.toString(), "--y-pred", predictions.toString(), "--backend", "cpu",
                    "--num-classes", "7"});
        for (String[] eval : cases) {
            Reference.Run cli = Reference.cli(args("eval", eval));
            Reference.Run spark = Reference.spark(sparkArgs(eval));
            assertTrue(cli.status() != 0, cli::out);
            assertEquals(cli.status(), spark.status(), () -> Arrays.toString(eval) + "\n" + spark.err());
            assertEquals(cli.error(), spark.error(), Arrays.toString(eval));
            assertEquals("", spark.out());
        }
    }

    @Test
    void aParquetTableOfTheSameFilesPrintsTheCommandsReport() throws IOException {
        Path parquet = dir.resolve("images.parquet");
        org.apache.spark.sql.SparkSession spark = LocalSpark.start();
        try {
            List<org.apache.spark.sql.Row> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String mask = String.format("img%04d", i) + (i % 3 == 0 ? ".png" : i % 3 == 1 ? ".npy" : ".npz");
                String pred = String.format("img%04d", i) + (i % 2 == 1 ? ".npz" : ".npy");
                rows.add(org.apache.spark.sql.RowFactory.create(mask, Files.readAllBytes(masks.resolve(mask)),
                        Files.readAllBytes(predictions.resolve(pred))));
            }
            spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                    .add("id", "string").add("mask", "binary").add("prediction", "binary"))
                    .write().parquet(parquet.toString());
        } finally {
            spark.stop();
        }
        Reference.Run cli = Reference.cli("eval", "--y-true", masks.toString(), "--y-pred", predictions.toString(),
                "--ignore-class", "255", "--backend", "cpu");
        Reference.Run table = Reference.spark(sparkArgs("--table", parquet.toString(), "--ignore-class", "255",
                "--backend", "cpu"));
        assertEquals(0, table.status(), table::err);
        assertEquals(cli.out(), table.out());
    }

    @Test
    void skippingSaysHowManyAndWhich() throws IOException {
        Path bad = dir.resolve("skip");
        Files.createDirectories(bad.resolve("masks"));
        Files.createDirectories(bad.resolve("predictions"));
        Files.copy(masks.resolve("img0000.png"), bad.resolve("masks/img0000.png"));
        Files.copy(predictions.resolve("img0000.npy"), bad.resolve("predictions/img0000.npy"));
        Files.write(bad.resolve("masks/img0001.npy"), new byte[] {1, 2, 3});
        Files.copy(predictions.resolve("img0001.npz"), bad.resolve("predictions/img0001.npz"));
        Reference.Run spark = Reference.spark(sparkArgs("--y-true", bad.resolve("masks").toString(), "--y-pred",
                bad.resolve("predictions").toString(), "--backend", "cpu", "--ignore-class", "255",
                "--skip-bad-files"));
        assertEquals(0, spark.status(), spark::err);
        assertTrue(spark.out().startsWith("1 image, "), spark::out);
        assertTrue(spark.out().contains("skipped 1 bad image(s):\n  img0001.npy: " + bad.resolve("masks/img0001.npy")
                + ": "), spark::out);
    }
}
