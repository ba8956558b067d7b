package io.scce4j.spark;

import io.scce4j.eval.Evaluation;
import io.scce4j.eval.ImagePairs;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.SerializableConfiguration;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * {@code scce4j eval} as a Spark job: masks and predictions from any Hadoop file system, paired by
 * {@link ImagePairs}' rule, or a table with one row per image; the images split among tasks, each executor
 * evaluating with the backend it chose once ({@link ExecutorBackends}); the tasks' {@link Evaluation}s merged on
 * the driver. The evaluation is the command's, bit for bit, for any number of partitions and executors: the loss
 * is an exact sum and the confusion counts are longs ({@link Evaluation#combine}), each task's result is taken
 * once however often Spark ran the task, and bad images are judged on the driver in image order
 * (a task's result arrives once per partition, so an executor lost mid-task counts nothing twice).
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[*]")
 *         .config("spark.plugins", "io.scce4j.spark.Scce4jSparkPlugin").getOrCreate();
 * SparkEvalResult r = SparkEval.with(EvalSettings.defaults().withIgnoreClass(255L).withBackend("cpu"))
 *         .files(spark, "s3a://bucket/val/masks", "s3a://bucket/val/predictions");
 * System.out.print(r.report(5).text());
 * }</pre>
 *
 * <p>The job shows in the Spark UI as {@code scce4j eval: N images from ...} (its description), with one stage
 * named {@code scce4j eval: read, loss, mask, confusion}; the driver reports images done as tasks finish
 * ({@link #withProgress}). A folder's images are split into
 * {@code min(images, max(4 x defaultParallelism, images / 32))} tasks of consecutive images unless
 * {@link EvalSettings#partitions()} says otherwise; a table keeps its own partitions.
 */
public final class SparkEval {
    /** The stage's name in the Spark UI. */
    public static final String STAGE = "scce4j eval: read, loss, mask, confusion";
    /** Images per task at least, when there are more images than 4 tasks per core can take. */
    private static final int IMAGES_PER_TASK = 32;

    private final EvalSettings settings;
    private final Consumer<String> progress;

    private SparkEval(EvalSettings settings, Consumer<String> progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** An evaluation with these settings, reporting no progress. */
    public static SparkEval with(EvalSettings settings) {
        return new SparkEval(settings, line -> { });
    }

    /** This evaluation, handing {@code progress} a line ({@code eval: 40/120 images (4/12 tasks)}) per task. */
    public SparkEval withProgress(Consumer<String> progress) {
        return new SparkEval(settings, progress);
    }

    /**
     * Evaluates the masks in {@code masks} against the predictions in {@code predictions}: two folders or two
     * files, as paths or URIs on any Hadoop file system the session's configuration reaches.
     *
     * @throws java.nio.file.NoSuchFileException when either is missing
     * @throws IllegalArgumentException when one is a folder and the other a file
     * @throws BadImageException at the first bad image (in image order), unless skipping
     * @throws IOException when the folders do not pair (the messages of {@link ImagePairs})
     * @throws SparkException when the job fails otherwise (a task failed too often)
     */
    public SparkEvalResult files(SparkSession spark, String masks, String predictions) throws IOException,
            SparkException {
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        HadoopFiles fs = new HadoopFiles(conf);
        List<FileImage> images = new ArrayList<>();
        Map<String, String> predictionShown = new HashMap<>();
        for (ImagePairs.Match<HadoopFiles.File> m : ImagePairs.of(fs, fs.at(masks), fs.at(predictions))) {
            images.add(new FileImage(m.name(), m.mask().qualified().toString(), m.mask().toString(),
                    m.prediction().qualified().toString(), m.prediction().toString()));
            predictionShown.put(m.name(), m.prediction().toString());
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        int n = settings.partitions() > 0 ? Math.min(settings.partitions(), images.size())
                : defaultPartitions(images.size(), jsc.defaultParallelism());
        Broadcast<SerializableConfiguration> hadoop = SerializableConfiguration.broadcast(sc, conf);
        EvalSettings s = settings;
        JavaRDD<PartitionResult> tasks = jsc.parallelize(images, n).setName("scce4j images: " + masks + " | "
                + predictions).mapPartitions(it -> List.of(PartitionEvaluator.files(it, s, hadoop.value().value()))
                        .iterator());
        try {
            return run(sc, tasks.rdd(), String.format(Locale.ROOT, "scce4j eval: %d images from %s and %s",
                    images.size(), masks, predictions), images.size(), true, predictionShown::get);
        } finally {
            hadoop.destroy();
        }
    }

    /**
     * Evaluates a table with one row per image: column {@code id} (the image's name, unique), {@code mask} and
     * {@code prediction}, each the bytes of a {@code .npy}, {@code .npz} or PNG file or nested arrays of numbers
     * ({@code [H][W]} and {@code [H][W][C]}). The table keeps its partitioning (repartition it first for more
     * tasks); every row is evaluated, and without skipping the error reported is that of the first bad row by id.
     *
     * @throws BadImageException at the first bad row by id, unless skipping; or for an id that comes twice
     * @throws SparkException when the job fails otherwise
     */
    public SparkEvalResult table(Dataset<Row> table, String id, String mask, String prediction)
            throws IOException, SparkException {
        Dataset<Row> rows = table.select(functions.col(id).cast("string").as(id), functions.col(mask).as(mask),
                functions.col(prediction).as(prediction));
        if (settings.partitions() > 0) {
            rows = rows.repartition(settings.partitions());
        }
        EvalSettings s = settings;
        JavaRDD<PartitionResult> tasks = rows.javaRDD().mapPartitions(it -> List.of(PartitionEvaluator.rows(it, s))
                .iterator());
        return run(table.sparkSession().sparkContext(), tasks.rdd(), "scce4j eval: the table's rows (" + id + ", "
                + mask + ", " + prediction + ")", -1, false, name -> name + "/" + prediction);
    }

    static int defaultPartitions(int images, int parallelism) {
        int byCores = 4 * Math.max(1, parallelism);
        int bySize = (images + IMAGES_PER_TASK - 1) / IMAGES_PER_TASK;
        return Math.max(1, Math.min(images, Math.max(byCores, bySize)));
    }

    /**
     * Runs the tasks, takes each partition's result once as it arrives, reports progress, and judges the images:
     * as the consecutive prefix of partitions grows ({@code ordered}: a folder's), else once all are in.
     */
    private SparkEvalResult run(SparkContext sc, RDD<PartitionResult> rdd, String description, int total,
            boolean ordered, Function<String, String> predictionShown) throws IOException, SparkException {
        String group = "scce4j-eval-" + UUID.randomUUID();
        JobListener listener = new JobListener(group);
        sc.addSparkListener(listener);
        try {
            return collect(sc, rdd, group, description, total, ordered, predictionShown, listener);
        } finally {
            sc.removeSparkListener(listener);
        }
    }

    private SparkEvalResult collect(SparkContext sc, RDD<PartitionResult> rdd, String group, String description,
            int total, boolean ordered, Function<String, String> predictionShown, JobListener listener)
            throws IOException, SparkException {
        int n = rdd.getNumPartitions();
        sc.setJobGroup(group, description, true);
        sc.setCallSite(STAGE);
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        SimpleFutureAction<Object> job = sc.submitJob(rdd, new TakeOne(), partitions(n), new Enqueue(arrivals),
                new Nothing());
        Verdicts verdicts = new Verdicts(settings.skipBadImages(), predictionShown);
        Map<Integer, Evaluation> evaluations = new HashMap<>();
        TreeMap<Integer, PartitionResult> pending = new TreeMap<>();
        List<Verdicts.Item> unordered = new ArrayList<>();
        int next = 0;
        int images = 0;
        try {
            for (int received = 0; received < n;) {
                Arrival a = arrivals.poll(200, TimeUnit.MILLISECONDS);
                if (a == null) {
                    if (job.isCompleted()) {
                        job.get(); // throws the job's failure; a success has delivered every result already
                    }
                    continue;
                }
                received++;
                PartitionResult r = a.result();
                images += r.images();
                r.evaluations().forEach((classes, e) -> evaluations.computeIfAbsent(classes, c -> new Evaluation())
                        .combine(e));
                if (ordered) {
                    pending.put(a.partition(), r);
                    for (; pending.containsKey(next); next++) {
                        verdicts.judge(Verdicts.items(pending.remove(next)));
                    }
                } else {
                    unordered.addAll(Verdicts.items(r));
                }
                progress.accept(total >= 0
                        ? String.format(Locale.ROOT, "eval: %d/%d images (%d/%d tasks)", images, total, received, n)
                        : String.format(Locale.ROOT, "eval: %d images (%d/%d tasks)", images, received, n));
            }
            job.get();
            if (!ordered) {
                unordered.sort(Verdicts.ORDER);
                verdicts.judge(unordered);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while evaluating", e);
        } finally {
            if (!job.isCompleted()) {
                job.cancel(); // a bad image: the command would have stopped here, and no later task changes that
            }
            sc.clearJobGroup();
            sc.clearCallSite();
        }
        SparkJobStats stats = listener.stats(n);
        Integer reference = verdicts.reference();
        Evaluation evaluation = reference == null ? new Evaluation() : evaluations.get(reference);
        return new SparkEvalResult(evaluation, settings.lossOptions(), verdicts.skipped(), stats);
    }

    private static scala.collection.immutable.Seq<Object> partitions(int n) {
        List<Object> all = IntStream.range(0, n).boxed().collect(Collectors.toList());
        return scala.jdk.javaapi.CollectionConverters.asScala(all).toSeq();
    }

    /** A partition's result as the driver receives it. */
    private record Arrival(int partition, PartitionResult result) {
    }

    /** Each partition yields one result. */
    private static final class TakeOne extends AbstractFunction1<scala.collection.Iterator<PartitionResult>,
            PartitionResult> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionResult apply(scala.collection.Iterator<PartitionResult> it) {
            return it.next();
        }
    }

    /** Runs on the scheduler's thread: hands the result over and returns at once. */
    private static final class Enqueue extends AbstractFunction2<Object, PartitionResult, BoxedUnit> {
        private final BlockingQueue<Arrival> arrivals;

        Enqueue(BlockingQueue<Arrival> arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public BoxedUnit apply(Object partition, PartitionResult result) {
            arrivals.add(new Arrival((Integer) partition, result));
            return BoxedUnit.UNIT;
        }
    }

    private static final class Nothing extends AbstractFunction0<Object> {
        @Override
        public Object apply() {
            return null;
        }
    }
}
