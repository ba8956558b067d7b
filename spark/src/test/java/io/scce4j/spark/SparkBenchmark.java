package io.scce4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.LossOptions;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.Evaluator;
import io.scce4j.eval.ImagePair;
import io.scce4j.eval.ImagePairs;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.MaskChannel;
import io.scce4j.io.Npy;
import io.scce4j.io.Npz;
import io.scce4j.io.PngMasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark benchmark, in one run: a generated set (PNG masks, {@code .npy} float32 predictions) evaluated by the
 * single process (the eval library with the cpu backend, on 1 thread and on the machine's), by {@code local[1]},
 * {@code local[2]} and a two-worker loopback cluster, each checked against the single process bit for bit; a
 * profile of one image's work (reading, decoding, the loss, the mask and counts); and projections for Cityscapes
 * and ADE20K from the measured per-core rates. Writes {@code bench.json} and {@code bench.md}.
 * <pre>{@code
 * bash docs/spark/bench.sh            # 2,000 images of 128 x 128 x 23; or: bash docs/spark/bench.sh 400 256 256 23
 * }</pre>
 */
public final class SparkBenchmark {
    private static final int REPETITIONS = 3;
    private static final LossOptions OPTIONS = EvalSettings.defaults().withIgnoreClass(TestImages.VOID).lossOptions();

    private final Path data;
    private final int images;
    private final long bytes;
    private final ObjectNode json = new ObjectMapper().createObjectNode();
    private final ArrayNode runs = json.putArray("runs");
    private Evaluation reference;

    private SparkBenchmark(Path data, int images) throws IOException {
        this.data = data;
        this.images = images;
        this.bytes = size(data.resolve("masks")) + size(data.resolve("predictions"));
    }

    /** Arguments: output folder, work folder, images, height, width, classes, job jar, Spark class path file. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]);
        int w = Integer.parseInt(args[4]);
        int c = Integer.parseInt(args[5]);
        String jobJar = args[6];
        Path sparkClasspath = Path.of(args[7]);
        String javaOpts = args.length > 8 ? args[8] : "";
        Path data = work.resolve(String.format(Locale.ROOT, "data-%d-%dx%dx%d", n, h, w, c));
        if (!Files.exists(data.resolve("done"))) {
            long t = System.nanoTime();
            TestImages.write(data, n, h, w, c, 42, false);
            Files.writeString(data.resolve("done"), "");
            System.err.printf(Locale.ROOT, "generated %d images in %.1f s%n", n, seconds(t));
        }
        SparkBenchmark b = new SparkBenchmark(data, n);
        b.json.put("images", n).put("shape", h + "x" + w + "x" + c).put("bytes", b.bytes)
                .put("processors", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version")).put("spark", org.apache.spark.package$.MODULE$
                        .SPARK_VERSION());
        b.single(1);
        if (Boolean.getBoolean("bench.clusterOnly")) { // a diagnostic: the single process, then the cluster alone
            b.cluster(work.resolve("cluster"), sparkClasspath, javaOpts, jobJar);
            System.err.println(b.runs.toPrettyString());
            return;
        }
        b.single(Runtime.getRuntime().availableProcessors());
        b.local(1);
        b.local(2);
        b.cluster(work.resolve("cluster"), sparkClasspath, javaOpts, jobJar);
        b.profile();
        String markdown = b.markdown(); // adds the derived numbers to the JSON too
        Files.createDirectories(out);
        Files.writeString(out.resolve("bench.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(b.json) + "\n");
        Files.writeString(out.resolve("bench.md"), markdown);
        System.out.print(markdown);
    }

    /** The machine's load averages over 1 minute, as /proc/loadavg says (others share this machine). */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                total += Files.size(p);
            }
            return total;
        }
    }

    /** The single process: {@code scce4j eval}'s loop over the pairs, the backend on {@code threads} threads. */
    private void single(int threads) throws IOException {
        try (Backend b = Backends.load("cpu", BackendSettings.defaults().withThreads(threads))) {
            Evaluator e = new Evaluator(b.loss(OPTIONS), b.predictor());
            List<ImagePair> pairs = ImagePairs.of(data.resolve("masks"), data.resolve("predictions"));
            evaluate(e, pairs.subList(0, Math.min(200, pairs.size()))); // warm-up
            double[] s = new double[REPETITIONS];
            String load = load();
            for (int i = 0; i < s.length; i++) {
                long t = System.nanoTime();
                Evaluation all = evaluate(e, pairs);
                s[i] = seconds(t);
                if (reference == null) {
                    reference = all;
                }
                check(all, "single process, " + threads + " thread(s)");
            }
            record("single process (eval library, cpu backend, " + threads + " thread" + (threads > 1 ? "s" : "")
                    + ")", threads, s, 0, 0, load + " / " + load());
        }
    }

    private static Evaluation evaluate(Evaluator e, List<ImagePair> pairs) throws IOException {
        Evaluation all = new Evaluation();
        for (ImagePair p : pairs) {
            all.combine(e.evaluate(p.name(), ArrayFiles.readLabels(p.mask(), "y_true", MaskChannel.red),
                    ArrayFiles.read(p.prediction(), "y_pred")));
        }
        return all;
    }

    private void check(Evaluation e, String what) {
        if (Double.doubleToRawLongBits(e.loss()) != Double.doubleToRawLongBits(reference.loss())
                || !java.util.Arrays.deepEquals(e.confusion(), reference.confusion())
                || !e.images().equals(reference.images())) {
            throw new IllegalStateException(what + ": not the single process's evaluation");
        }
    }

    private void local(int cores) throws Exception {
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("scce4j bench")
                .config("spark.plugins", Scce4jSparkPlugin.class.getName()).config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            double start = seconds(t0);
            measure(spark, "local[" + cores + "]", cores, start);
        } finally {
            spark.stop();
        }
    }

    private void cluster(Path work, Path sparkClasspath, String javaOpts, String jobJar) throws Exception {
        int workers = Integer.getInteger("bench.workers", 2); // a diagnostic knob: one worker has no neighbour
        try (LoopbackCluster c = LoopbackCluster.start(work, sparkClasspath, javaOpts, workers)) {
            long t0 = System.nanoTime();
            SparkSession spark = SparkSession.builder().master(c.masterUrl()).appName("scce4j bench")
                    .config("spark.jars", jobJar).config("spark.executor.memory", "768m")
                    .config("spark.executor.cores", "1").config("spark.cores.max", String.valueOf(workers))
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                // the executors register after the session starts: a first job waits for them
                spark.sparkContext().parallelize(scala.jdk.javaapi.CollectionConverters.asScala(List.<Object>of(1, 2))
                        .toSeq(), 2, scala.reflect.ClassTag$.MODULE$.Any()).count();
                double start = seconds(t0);
                measure(spark, "standalone cluster, " + workers + " workers x 1 core (loopback)", workers, start);
            } finally {
                spark.stop();
            }
        }
    }

    private void measure(SparkSession spark, String name, int cores, double start) throws Exception {
        EvalSettings s = EvalSettings.defaults().withIgnoreClass(TestImages.VOID).withBackend("cpu");
        SparkEval.with(s).files(spark, data.resolve("masks").toString(), data.resolve("predictions").toString());
        double[] seconds = new double[REPETITIONS];
        String load = load();
        SparkEvalResult r = null;
        TaskTimes times = new TaskTimes();
        spark.sparkContext().addSparkListener(times);
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            r = SparkEval.with(s).files(spark, data.resolve("masks").toString(), data.resolve("predictions").toString());
            seconds[i] = seconds(t);
            check(r.evaluation(), name);
        }
        Thread.sleep(500); // the listener bus delivers the last task ends after the job
        spark.sparkContext().removeSparkListener(times);
        // a job's fixed cost: the same job on one image (two files), median of five
        ImagePair first = ImagePairs.of(data.resolve("masks"), data.resolve("predictions")).get(0);
        long[] one = new long[5];
        for (int i = 0; i < one.length; i++) {
            long t1 = System.nanoTime();
            SparkEval.with(s).files(spark, first.mask().toString(), first.prediction().toString());
            one[i] = System.nanoTime() - t1;
        }
        ObjectNode run = record(name, cores, seconds, start, r.stats().tasks(), load + " / " + load())
                .put("one_image_job_s", median(one) / 1e9);
        ObjectNode per = run.putObject("task_ms_per_image");
        double n = REPETITIONS * (double) images;
        per.put("run", times.run / n).put("deserialize", times.deserialize / n).put("gc", times.gc / n)
                .put("result_serialize", times.serialize / n);
    }

    /** Sums the executors' task times: what the tasks spent computing, deserializing, collecting garbage. */
    private static final class TaskTimes extends org.apache.spark.scheduler.SparkListener {
        private double run;
        private double deserialize;
        private double gc;
        private double serialize;

        @Override
        public synchronized void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
            if (e.taskMetrics() != null) {
                run += e.taskMetrics().executorRunTime();
                deserialize += e.taskMetrics().executorDeserializeTime();
                gc += e.taskMetrics().jvmGCTime();
                serialize += e.taskMetrics().resultSerializationTime();
            }
        }
    }

    private ObjectNode record(String name, int cores, double[] all, double start, int tasks, String load) {
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        double seconds = sorted[sorted.length / 2];
        ObjectNode run = runs.addObject().put("run", name).put("cores", cores).put("seconds", seconds)
                .put("seconds_min", sorted[0]).put("seconds_max", sorted[sorted.length - 1]).put("load", load)
                .put("images_per_s", images / seconds).put("mb_per_s", bytes / 1e6 / seconds)
                .put("mb_per_s_per_core", bytes / 1e6 / seconds / cores);
        if (tasks > 0) {
            run.put("tasks", tasks).put("session_start_s", start);
        }
        System.err.printf(Locale.ROOT, "%s: %s s (load %s)%n", name, java.util.Arrays.toString(all), load);
        return run;
    }

    /** One image's work, step by step, on one thread (median of the images' times). */
    private void profile() throws IOException {
        List<ImagePair> pairs = ImagePairs.of(data.resolve("masks"), data.resolve("predictions"));
        int n = Math.min(300, pairs.size());
        long[] read = new long[n];
        long[] decode = new long[n];
        long[] inflate = new long[n];
        long[] loss = new long[n];
        long[] evaluate = new long[n];
        long predictionBytes = 0;
        try (Backend b = Backends.load("cpu", BackendSettings.defaults().withThreads(1))) {
            SparseCategoricalCrossentropy l = b.loss(OPTIONS);
            Evaluator e = new Evaluator(l, b.predictor());
            for (int round = 0; round < 2; round++) { // the first round warms up
                for (int i = 0; i < n; i++) {
                    ImagePair p = pairs.get(i);
                    long t = System.nanoTime();
                    byte[] maskBytes = Files.readAllBytes(p.mask());
                    byte[] predBytes = Files.readAllBytes(p.prediction());
                    read[i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    Tensor y = PngMasks.read(ByteBuffer.wrap(maskBytes), "mask", MaskChannel.red);
                    Tensor pred = Npy.read(ByteBuffer.wrap(predBytes), "pred");
                    decode[i] = System.nanoTime() - t;
                    byte[] npz = TestImages.npz("y_pred", predBytes);
                    t = System.nanoTime();
                    Npz.read(ByteBuffer.wrap(npz), "pred.npz", "y_pred");
                    inflate[i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    l.compute(y, pred);
                    loss[i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    e.evaluate(p.name(), y, pred);
                    evaluate[i] = System.nanoTime() - t;
                    if (round == 0) {
                        predictionBytes += predBytes.length;
                    }
                }
            }
        }
        double mb = predictionBytes / 1e6 / n;
        ObjectNode prof = json.putObject("profile_ms_per_image");
        prof.put("prediction_mb", mb);
        prof.put("read_from_page_cache", median(read) / 1e6).put("decode_png_mask_and_npy", median(decode) / 1e6)
                .put("inflate_npz_instead", median(inflate) / 1e6).put("loss", median(loss) / 1e6)
                .put("mask_and_confusion", (median(evaluate) - median(loss)) / 1e6)
                .put("evaluate_total", median(evaluate) / 1e6);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private String markdown() {
        StringBuilder m = new StringBuilder();
        m.append(String.format(Locale.ROOT, "%d images of %s float32 (PNG masks, .npy predictions), %.2f GB, on %d "
                + "cores, Java %s, Spark %s; files in the page cache; medians of " + REPETITIONS + " runs after a "
                + "warm-up run; every run's evaluation equals the single process's bit for bit. The machine is "
                + "shared: its load average (1 min) is shown before and after each row.%n%n", images, json.get("shape").asText(),
                bytes / 1e9, json.get("processors").asInt(), json.get("java").asText(), json.get("spark").asText()));
        m.append("| run | cores | tasks | s (min-max of " + REPETITIONS + ") | images/s | MB/s | MB/s per core "
                + "| job of 1 image, s | task ms per image: run / deserialize / GC | load before / after |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (var r : runs) {
            var t = r.get("task_ms_per_image");
            m.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f (%.2f-%.2f) | %.1f | %.1f | %.1f | %s | %s | %s |%n",
                    r.get("run").asText(), r.get("cores").asInt(), r.has("tasks") ? r.get("tasks").asText() : "-",
                    r.get("seconds").asDouble(), r.get("seconds_min").asDouble(), r.get("seconds_max").asDouble(),
                    r.get("images_per_s").asDouble(), r.get("mb_per_s").asDouble(),
                    r.get("mb_per_s_per_core").asDouble(), r.has("one_image_job_s") ? String.format(Locale.ROOT,
                            "%.3f", r.get("one_image_job_s").asDouble()) : "-", t == null ? "-"
                            : String.format(Locale.ROOT, "%.2f / %.3f / %.3f", t.get("run").asDouble(),
                                    t.get("deserialize").asDouble(), t.get("gc").asDouble()), r.get("load").asText()));
        }
        double single = runs.get(0).get("seconds").asDouble();
        double local1 = runs.get(2).get("seconds").asDouble();
        double fixed = runs.get(2).get("one_image_job_s").asDouble();
        double overhead = (local1 - fixed - single) / images * 1e3;
        json.put("spark_overhead_ms_per_image_one_core", overhead);
        m.append(String.format(Locale.ROOT, "%nSpark's overhead per image on one core, (local[1] - its job of 1 image "
                + "- single process on 1 thread) / images: %.3f ms, %.1f%% of the single process's %.3f ms per image. "
                + "Session start: local[1] %.1f s, cluster %.1f s (until both executors registered).%n", overhead,
                100 * overhead / (single / images * 1e3), single / images * 1e3, runs.get(2).get("session_start_s")
                        .asDouble(), runs.get(4).get("session_start_s").asDouble()));
        var p = json.get("profile_ms_per_image");
        m.append(String.format(Locale.ROOT, "%nOne image (%.2f MB of predictions), median ms on one thread: read "
                + "from the page cache %.2f, decode (PNG mask, .npy) %.2f, or inflate the same prediction as a "
                + "compressed .npz %.2f, loss %.2f, mask and confusion counts %.2f.%n",
                p.get("prediction_mb").asDouble(), p.get("read_from_page_cache").asDouble(),
                p.get("decode_png_mask_and_npy").asDouble(), p.get("inflate_npz_instead").asDouble(),
                p.get("loss").asDouble(), p.get("mask_and_confusion").asDouble()));
        projections(m);
        return m.toString();
    }

    /** Compute time on N cores at the cluster's measured MB/s per core, for two data sets of float32 predictions. */
    private void projections(StringBuilder m) {
        double perCore = runs.get(4).get("mb_per_s_per_core").asDouble();
        ArrayNode proj = json.putArray("projections");
        m.append(String.format(Locale.ROOT, "%nProjected compute time at the cluster's %.1f MB/s per core "
                + "(predictions and masks read at that pace; storage not counted):%n%n", perCore));
        m.append("| data set | size | 8 cores | 64 cores | 512 cores | reading needed at 512 cores |\n"
                + "|---|---|---|---|---|---|\n");
        Object[][] sets = {{"Cityscapes val, 500 x 1024 x 2048 x 19", 500L * 1024 * 2048 * 19 * 4},
            {"ADE20K val, 2,000 x 512 x 512 x 150", 2000L * 512 * 512 * 150 * 4}};
        for (Object[] s : sets) {
            double mbytes = ((Long) s[1]) / 1e6;
            ObjectNode row = proj.addObject().put("data_set", (String) s[0]).put("gb", mbytes / 1e3);
            StringBuilder cells = new StringBuilder();
            for (int cores : new int[] {8, 64, 512}) {
                double seconds = mbytes / (perCore * cores);
                row.put("seconds_" + cores, seconds);
                cells.append(" ").append(duration(seconds)).append(" |");
            }
            m.append(String.format(Locale.ROOT, "| %s | %.0f GB |%s %.1f GB/s |%n", s[0], mbytes / 1e3, cells,
                    perCore * 512 / 1e3));
        }
    }

    private static String duration(double s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%.1f h", s / 3600) : s >= 60
                ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.0f s", s);
    }
}
