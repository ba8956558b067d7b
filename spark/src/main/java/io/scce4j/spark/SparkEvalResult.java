package io.scce4j.spark;

import io.scce4j.api.LossOptions;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.EvaluationReport;
import java.util.List;

/**
 * An evaluation made on Spark: the same {@link Evaluation}, bit for bit, as {@code scce4j eval} makes of the same
 * images, whatever the partitioning; with the images skipped (when asked to skip bad ones) and how Spark ran it.
 * <pre>{@code
 * SparkEvalResult r = SparkEval.with(settings).files(spark, "hdfs:///val/masks", "hdfs:///val/predictions");
 * System.out.print(r.report(5).text());
 * }</pre>
 *
 * @param evaluation the good images' evaluation
 * @param options the loss's options
 * @param skipped the bad images left out, in image order; empty unless skipping
 * @param stats the job's tasks, failed attempts and executors removed
 */
public record SparkEvalResult(Evaluation evaluation, LossOptions options, List<SkippedImage> skipped,
        SparkJobStats stats) {
    /** The reports {@code scce4j eval} prints and writes, listing the {@code worst} images of highest loss. */
    public EvaluationReport report(int worst) {
        return EvaluationReport.of(evaluation, options, worst);
    }
}
