package io.scce4j.spark;

import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.io.MaskChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The loss and the mask as Spark SQL functions, one image per row:
 * <ul>
 *   <li>{@code scce4j_loss(y_true, y_pred, options)}: the image's loss as a double, Keras's for these loss options
 *   ({@link LossOptions#toString()}'s words, e.g. {@code 'ignore_class=255, from_logits=true'}; {@code ''} for
 *   Keras's defaults, whose reduction {@code sum_over_batch_size} makes it the mean over the valid pixels);</li>
 *   <li>{@code scce4j_mask(y_pred)}: the argmax mask {@code [H][W]} as {@code array<array<int>>}.</li>
 * </ul>
 * {@code y_true} and {@code y_pred} are the bytes of a {@code .npy}, {@code .npz} (arrays {@code y_true},
 * {@code y_pred}) or PNG (labels) file, or nested arrays of numbers ({@code [H][W]}, {@code [H][W][C]}). A null
 * input gives null; bad input fails the query with the one-line error of the readers or the loss. Each executor
 * computes with the backend it chose once ({@link ExecutorBackends}; add {@link Scce4jSparkPlugin} to
 * {@code spark.plugins} to close it when the executor stops).
 * <pre>{@code
 * Scce4jFunctions.register(spark);
 * spark.sql("SELECT id, scce4j_loss(mask, prediction, 'ignore_class=255') AS loss FROM images ORDER BY loss DESC");
 * images.select(col("id"), Scce4jFunctions.loss(col("mask"), col("prediction"), "ignore_class=255"),
 *         Scce4jFunctions.mask(col("prediction")));
 * }</pre>
 */
public final class Scce4jFunctions {
    /** The loss function's name in SQL. */
    public static final String LOSS = "scce4j_loss";
    /** The mask function's name in SQL. */
    public static final String MASK = "scce4j_mask";

    /** Parsed options by their text: a query repeats one text on every row. */
    private static final Map<String, LossOptions> OPTIONS = new ConcurrentHashMap<>();

    private Scce4jFunctions() {
    }

    /** Registers both functions on {@code spark}, computing with the backend each executor's rules choose. */
    public static void register(SparkSession spark) {
        register(spark, null);
    }

    /** Registers both functions on {@code spark}, computing with backend {@code backend} (null: the rules). */
    public static void register(SparkSession spark, String backend) {
        spark.udf().register(LOSS, lossFunction(backend));
        spark.udf().register(MASK, maskFunction(backend));
    }

    /** {@code scce4j_loss} for the Dataset API, with the backend each executor's rules choose. */
    public static Column loss(Column yTrue, Column yPred, String options) {
        return lossFunction(null).apply(yTrue, yPred, functions.lit(options));
    }

    /** {@code scce4j_mask} for the Dataset API, with the backend each executor's rules choose. */
    public static Column mask(Column yPred) {
        return maskFunction(null).apply(yPred);
    }

    private static UserDefinedFunction lossFunction(String backend) {
        return functions.udf((UDF3<Object, Object, String, Double>) (yTrue, yPred, options) -> {
            if (yTrue == null || yPred == null) {
                return null;
            }
            LossOptions o = OPTIONS.computeIfAbsent(options == null ? "" : options, LossOptionsText::parse);
            if (o.reduction() == Reduction.NONE) {
                throw InvalidInputException.invalidArgument(LOSS + " gives one number per row, and reduction none "
                        + "one per pixel; valid: sum, sum_over_batch_size, mean_with_sample_weight");
            }
            Tensor y = SparkValues.labels(yTrue, "y_true", "y_true", MaskChannel.red);
            Tensor p = SparkValues.array(yPred, "y_pred", "y_pred");
            Backend b = ExecutorBackends.get(backend, null);
            return b.loss(o).compute(y, p).getDouble(0);
        }, DataTypes.DoubleType).withName(LOSS);
    }

    private static UserDefinedFunction maskFunction(String backend) {
        return functions.udf((UDF1<Object, int[][]>) yPred -> {
            if (yPred == null) {
                return null;
            }
            Tensor p = SparkValues.array(yPred, "y_pred", "y_pred");
            if (p.rank() != 3) {
                throw InvalidInputException.shapeMismatch(MASK + ": y_pred has shape " + p.shape() + "; a row holds "
                        + "one image [H, W, C]");
            }
            Tensor m = ExecutorBackends.get(backend, null).predictor().predict(p);
            int h = (int) m.shape().dim(0);
            int w = (int) m.shape().dim(1);
            int[][] rows = new int[h][w];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    rows[i][j] = (int) m.getLong(i * w + j);
                }
            }
            return rows;
        }, DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), false))
                .withName(MASK);
    }
}
