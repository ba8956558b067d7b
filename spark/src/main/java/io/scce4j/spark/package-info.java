/**
 * Evaluation on Apache Spark: {@code scce4j eval}'s numbers, bit for bit, for data sets that outgrow one machine.
 * <ul>
 *   <li>{@link io.scce4j.spark.SparkEval}: the evaluation job, on folders of masks and predictions on any Hadoop
 *   file system (paired by {@link io.scce4j.eval.ImagePairs}' rule) or on a table with one row per image;</li>
 *   <li>{@link io.scce4j.spark.EvalJob}: the command around it, for {@code spark-submit} and for an embedded
 *   {@code local[*]} Spark;</li>
 *   <li>{@link io.scce4j.spark.Scce4jFunctions}: {@code scce4j_loss} and {@code scce4j_mask} for Spark SQL and the
 *   Dataset API;</li>
 *   <li>{@link io.scce4j.spark.Scce4jSparkPlugin}: closes each executor's backend when the executor stops;
 *   {@link io.scce4j.spark.Scce4jKryoRegistrator}: the job's types under Kryo.</li>
 * </ul>
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[*]")
 *         .config("spark.plugins", "io.scce4j.spark.Scce4jSparkPlugin").getOrCreate();
 * SparkEvalResult r = SparkEval.with(EvalSettings.defaults().withIgnoreClass(255L))
 *         .files(spark, "hdfs:///val/masks", "hdfs:///val/predictions");
 * System.out.print(r.report(5).text());
 * }</pre>
 */
package io.scce4j.spark;
