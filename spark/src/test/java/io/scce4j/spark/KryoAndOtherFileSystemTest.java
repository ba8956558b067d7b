package io.scce4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scce4j.eval.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Kryo (whose version in Spark cannot serialize records without {@link Scce4jKryoRegistrator}), with files
 * read through Hadoop as bytes (a file system of another scheme than {@code file:}), on {@code local[2,2]}, which
 * retries tasks as a cluster does: the same evaluation as the single process.
 */
class KryoAndOtherFileSystemTest {
    @TempDir
    static Path dir;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2,2]", "org.apache.spark.serializer.KryoSerializer");
        spark.sparkContext().hadoopConfiguration().set("fs.other.impl", OtherSchemeFileSystem.class.getName());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void kryoAndBytesGiveTheSingleProcessEvaluation() throws Exception {
        TestImages.write(dir, 9, 12, 10, 3, 5);
        EvalSettings s = EvalSettings.defaults().withIgnoreClass(255L).withBackend("cpu").withPartitions(4);
        Evaluation expected = Reference.evaluate(dir.resolve("masks"), dir.resolve("predictions"), s.lossOptions());
        SparkEvalResult r = SparkEval.with(s).files(spark, "other://" + dir.resolve("masks"), "other://"
                + dir.resolve("predictions"));
        SparkEvalLocalTest.options = s.lossOptions();
        SparkEvalLocalTest.assertSame(expected, r.evaluation());
    }

    @Test
    void aBadFileReadAsBytesIsNamedAsHadoopSpellsIt() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad/masks"));
        Files.createDirectories(dir.resolve("bad/predictions"));
        Files.write(bad.resolve("a.npy"), TestImages.npy(new int[] {0, 1}, 1, 2));
        Files.write(dir.resolve("bad/predictions/a.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9});
        String predictions = "other://" + dir.resolve("bad/predictions");
        BadImageException e = assertThrows(BadImageException.class, () -> SparkEval.with(EvalSettings.defaults()
                .withBackend("cpu")).files(spark, "other://" + bad, predictions));
        // Hadoop's spelling of the URI (other:/...), and io's words for the bytes of a file
        assertEquals(new org.apache.hadoop.fs.Path(predictions) + "/a.npy: not a NumPy .npy file (only 7 bytes)",
                e.getMessage());
    }
}
