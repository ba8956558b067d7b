package io.scce4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code scce4j_loss} and {@code scce4j_mask} in SQL and the Dataset API against the cpu backend itself. */
class Scce4jFunctionsTest {
    private static final int H = 5;
    private static final int W = 6;
    private static final int C = 4;

    static SparkSession spark;
    static Dataset<Row> images;
    static List<int[]> labels = new ArrayList<>();
    static List<float[]> probabilities = new ArrayList<>();

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        Scce4jFunctions.register(spark, "cpu");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SplittableRandom r = new SplittableRandom(i);
            int[] y = TestImages.labels(r, H, W, C);
            float[] p = TestImages.probabilities(r, y, C);
            labels.add(y);
            probabilities.add(p);
            rows.add(RowFactory.create(i, TestImages.npy(y, H, W), TestImages.npy(p, H, W, C)));
        }
        rows.add(RowFactory.create(6, null, TestImages.npy(probabilities.get(0), H, W, C)));
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("mask", DataTypes.BinaryType)
                .add("prediction", DataTypes.BinaryType);
        images = spark.createDataFrame(rows, schema).repartition(3);
        images.createOrReplaceTempView("images");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static double expectedLoss(int i, LossOptions options) {
        try (Backend cpu = Backends.load("cpu")) {
            return cpu.loss(options).compute(Tensor.ofInts(Shape.of(H, W), labels.get(i)),
                    Tensor.ofFloats(Shape.of(H, W, C), probabilities.get(i))).getDouble(0);
        }
    }

    @Test
    void sqlLossIsTheBackendsBitForBitForTheOptionsGiven() {
        List<Row> rows = spark.sql("SELECT id, scce4j_loss(mask, prediction, 'ignore_class=255'),"
                + " scce4j_loss(mask, prediction, 'ignore_class=255, reduction=sum, profile=keras2') FROM images"
                + " ORDER BY id").collectAsList();
        LossOptions sum = LossOptions.builder().ignoreClass(255).reduction(Reduction.SUM)
                .profile(io.scce4j.api.LossProfile.KERAS2).build();
        LossOptions mean = LossOptions.builder().ignoreClass(255).build();
        assertTrue(rows.get(6).isNullAt(2), "a null mask gives null");
        for (int i = 0; i < 6; i++) {
            assertEquals(i, rows.get(i).getInt(0));
            assertEquals(Double.doubleToRawLongBits(expectedLoss(i, sum)), Double.doubleToRawLongBits(
                    rows.get(i).getDouble(2)));
            assertEquals(Double.doubleToRawLongBits(expectedLoss(i, mean)), Double.doubleToRawLongBits(
                    rows.get(i).getDouble(1)));
        }
        // Keras's defaults have no ignored class: the void border's label 255 is out of range for 4 classes
        assertThrows(Exception.class, () -> spark.sql("SELECT scce4j_loss(mask, prediction, '') FROM images")
                .collectAsList());
    }

    @Test
    void datasetApiLossAndMaskAreTheBackends() {
        List<Row> rows = images.where(col("id").lt(6)).orderBy("id").select(col("id"), Scce4jFunctions.loss(
                col("mask"), col("prediction"), "ignore_class=255"), Scce4jFunctions.mask(col("prediction")))
                .collectAsList();
        try (Backend cpu = Backends.load("cpu")) {
            for (int i = 0; i < 6; i++) {
                assertEquals(Double.doubleToRawLongBits(expectedLoss(i, LossOptions.builder().ignoreClass(255)
                        .build())), Double.doubleToRawLongBits(rows.get(i).getDouble(1)));
                Tensor mask = cpu.predictor().predict(Tensor.ofFloats(Shape.of(H, W, C), probabilities.get(i)));
                List<List<Object>> got = lists(rows.get(i).getList(2));
                assertEquals(H, got.size());
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        assertEquals((int) mask.getLong(y * W + x), got.get(y).get(x));
                    }
                }
            }
        }
    }

    /** Spark hands nested arrays to Java as a list of Scala sequences. */
    private static List<List<Object>> lists(List<Object> outer) {
        List<List<Object>> l = new ArrayList<>();
        for (Object o : outer) {
            l.add(new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) o)));
        }
        return l;
    }

    @Test
    void sqlMaskOfNullIsNullAndBadOptionsFailInOneLine() {
        assertNull(spark.sql("SELECT scce4j_mask(CAST(NULL AS BINARY))").first().get(0));
        Exception e = assertThrows(Exception.class, () -> spark.sql(
                "SELECT scce4j_loss(mask, prediction, 'ignore=255') FROM images").collectAsList());
        String all = String.valueOf(e.getMessage()) + e.getCause();
        assertTrue(all.contains("unknown loss option 'ignore'; valid: from_logits, reduction, ignore_class, profile"),
                all);
    }

    @Test
    void nestedArraysWork() {
        StructType schema = new StructType()
                .add("m", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.LongType)))
                .add("p", DataTypes.createArrayType(DataTypes.createArrayType(
                        DataTypes.createArrayType(DataTypes.DoubleType))));
        Dataset<Row> t = spark.createDataFrame(List.of(RowFactory.create(new long[][] {{0, 1}},
                new double[][][] {{{0.9, 0.1}, {0.3, 0.7}}})), schema);
        Row r = t.select(Scce4jFunctions.loss(col("m"), col("p"), "reduction=sum, profile=keras2"),
                Scce4jFunctions.mask(col("p"))).first();
        assertEquals(-Math.log(0.9) - Math.log(0.7), r.getDouble(0), 1e-15);
        assertEquals(List.of(List.of(0, 1)), lists(r.getList(1)));
    }
}
