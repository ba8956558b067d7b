package io.scce4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossProfile;
import io.scce4j.discovery.BackendSelectionException;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.eval.EvaluationReport;
import io.scce4j.io.AtomicFiles;
import io.scce4j.io.MaskChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scce4j eval} on Spark: the same options and reports (text or JSON on stdout, {@code --report} HTML,
 * {@code --csv}), the same numbers and the same one-line errors, with the images split among Spark's executors.
 * On one machine it starts an embedded Spark ({@code local[*]}); under {@code spark-submit} it runs where
 * {@code --master} says. Progress lines go to stderr.
 * <pre>{@code
 * spark/scce4j-spark --y-true docs/example/masks --y-pred docs/example/predictions --ignore-class 255
 * spark-submit --master spark://host:7077 spark/target/scce4j-spark-job.jar \
 *     --y-true hdfs:///val/masks --y-pred hdfs:///val/predictions --ignore-class 255 --report eval.html
 * }</pre>
 */
@Command(name = "scce4j-spark", mixinStandardHelpOptions = true,
        description = {"Evaluate predictions against ground-truth masks on Apache Spark, as 'scce4j eval' does: the "
                + "loss over the whole set, pixel accuracy, per-class and mean IoU, the confusion matrix and the worst "
                + "images, bit for bit the same for any partitioning.",
            "Files come from any Hadoop file system (file:, hdfs:, s3a:) and pair by name without extension; or a "
                + "table (--table) holds one row per image."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "1:The Spark job failed.", "2:Usage error.", "3:Bad input: unreadable file, "
                + "no pair, wrong shape, label out of range.", "4:Backend missing or unavailable."},
        footer = {"", "Examples:", "  scce4j-spark --y-true masks/ --y-pred predictions/ --ignore-class 255",
            "  spark-submit --master spark://host:7077 scce4j-spark-job.jar --y-true hdfs:///val/masks "
                + "--y-pred hdfs:///val/predictions --report eval.html",
            "  scce4j-spark --table s3a://bucket/val.parquet --id-column id --mask-column mask "
                + "--prediction-column prediction"})
public final class EvalJob implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int BACKEND_UNAVAILABLE = 4;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** Where the images are: two folders (or files), or a table. */
    static final class Input {
        @ArgGroup(exclusive = false)
        Folders folders;

        @ArgGroup(exclusive = false)
        Table table;
    }

    /** Masks and predictions as files. */
    static final class Folders {
        @Option(names = "--y-true", paramLabel = "DIR_OR_FILE", required = true,
                description = "Ground-truth masks (PNG, .npy, .npz): a path or a Hadoop URI.")
        String yTrue;

        @Option(names = "--y-pred", paramLabel = "DIR_OR_FILE", required = true,
                description = "Predictions [H, W, C] (.npy, .npz): a path or a Hadoop URI.")
        String yPred;
    }

    /** Masks and predictions in a table. */
    static final class Table {
        @Option(names = "--table", paramLabel = "PATH", required = true,
                description = "A table with one row per image: an id, the mask, the prediction (file bytes or "
                        + "nested arrays).")
        String path;

        @Option(names = "--table-format", paramLabel = "FORMAT", defaultValue = "parquet",
                description = "The table's format, as spark.read().format() takes it. Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "id",
                description = "Default: ${DEFAULT-VALUE}.")
        String id;

        @Option(names = "--mask-column", paramLabel = "NAME", defaultValue = "mask",
                description = "Default: ${DEFAULT-VALUE}.")
        String mask;

        @Option(names = "--prediction-column", paramLabel = "NAME", defaultValue = "prediction",
                description = "Default: ${DEFAULT-VALUE}.")
        String prediction;
    }

    @Option(names = "--ignore-class", paramLabel = "K",
            description = "Leave pixels labelled K out of the loss, the accuracy and the IoU (e.g. 255).")
    Long ignoreClass;

    @Option(names = "--num-classes", paramLabel = "C", description = "Check that every prediction has C classes.")
    Integer numClasses;

    @Option(names = "--from-logits", description = "Predictions are logits, not probabilities.")
    boolean fromLogits;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "keras3",
            description = "keras3, keras2 or keras2-legacy. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--y-true-key", paramLabel = "NAME", defaultValue = "y_true",
            description = "Array of the labels in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yTrueKey;

    @Option(names = "--y-pred-key", paramLabel = "NAME", defaultValue = "y_pred",
            description = "Array of the predictions in an .npz archive. Default: ${DEFAULT-VALUE}.")
    String yPredKey;

    @Option(names = "--mask-channel", paramLabel = "CH", defaultValue = "red",
            description = "Channel of an RGB mask PNG that holds the class: red, green, blue, max. "
                    + "Default: ${DEFAULT-VALUE}.")
    MaskChannel maskChannel;

    @Option(names = "--backend", paramLabel = "ID",
            description = "Backend id on every executor (default: by the selection rules there).")
    String backend;

    @Option(names = "--threads", paramLabel = "N",
            description = "Backend threads per executor (default: spark.task.cpus, as Spark runs a task per core).")
    Integer threads;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    String report;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per image.")
    String csv;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "5",
            description = "How many worst images to list. Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    /** What stdout gets: the command's values, lower case. */
    enum Format {
        text, json
    }

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master as spark-submit sets it, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Tasks to split a folder's images into (a table: repartition to N). Default: automatic.")
    int partitions;

    @Option(names = "--skip-bad-files", description = "List and skip images that cannot be evaluated instead of "
            + "ending at the first; the report says how many.")
    boolean skipBadFiles;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    /** The command line's entry point, and spark-submit's: runs and exits with the command's status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command with these streams; returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EvalJob());
        cli.setOut(out);
        cli.setErr(err);
        boolean verbose = Arrays.asList(args).contains("--verbose");
        cli.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            err.println("scce4j: error: " + Messages.oneLine(e.getMessage()));
            err.println("Try 'scce4j-spark --help' for more.");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult r) -> {
            if (verbose) {
                e.printStackTrace(err);
            }
            BackendSelectionException backend = cause(e, BackendSelectionException.class);
            if (backend != null) { // on an executor, it arrives inside the job's failure
                err.println("scce4j: error: " + Messages.describe(backend));
                err.flush();
                return BACKEND_UNAVAILABLE;
            }
            if (e instanceof SparkException) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                err.println("scce4j: error: the Spark job failed: " + Messages.oneLine(String.valueOf(
                        root.getMessage() != null ? root.getMessage() : root)));
                err.flush();
                return FAILED;
            }
            err.println("scce4j: error: " + Messages.describe(e));
            err.flush();
            return e instanceof IOException || e instanceof InvalidInputException ? BAD_INPUT : FAILED;
        });
        return cli.execute(args);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        EvalSettings settings = settings();
        if (backend != null) {
            BackendSelector.fromEnvironment().select(backend); // the command's error before any executor starts
        }
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().config(conf()).getOrCreate();
        PrintWriter err = spec.commandLine().getErr();
        SparkEvalResult result;
        try {
            SparkEval eval = SparkEval.with(settings).withProgress(line -> {
                err.println(line);
                err.flush();
            });
            if (input.folders != null) {
                try {
                    result = eval.files(spark, input.folders.yTrue, input.folders.yPred);
                } catch (IllegalArgumentException e) { // ImagePairs' one: a folder and a file
                    throw new ParameterException(spec.commandLine(), "--y-true and --y-pred must both be folders or "
                            + "both be files");
                }
            } else {
                Dataset<Row> table = spark.read().format(input.table.format).load(input.table.path);
                result = eval.table(table, input.table.id, input.table.mask, input.table.prediction);
            }
            SparkJobStats s = result.stats();
            err.printf(Locale.ROOT, "spark: %d tasks, %d failed attempt(s) run again, %d executor(s) removed%n",
                    s.tasks(), s.failedAttempts(), s.executorsRemoved());
            err.flush();
            write(spark, result);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        return OK;
    }

    private EvalSettings settings() {
        try {
            return EvalSettings.defaults().withFromLogits(fromLogits).withIgnoreClass(ignoreClass)
                    .withProfile(LossProfile.parse(profile)).withNumClasses(numClasses).withKeys(yTrueKey, yPredKey)
                    .withMaskChannel(maskChannel).withBackend(backend).withThreads(threads)
                    .withSkipBadImages(skipBadFiles).withPartitions(partitions);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** spark-submit's configuration (system properties), with this job's plugin and defaults added. */
    private SparkConf conf() {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.app.name", "scce4j eval");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // the driver prints images done instead
        append(conf, "spark.plugins", Scce4jSparkPlugin.class.getName());
        if (conf.get("spark.serializer", "").contains("Kryo")) {
            append(conf, "spark.kryo.registrator", Scce4jKryoRegistrator.class.getName());
        }
        return conf;
    }

    private static void append(SparkConf conf, String key, String value) {
        String old = conf.get(key, "").trim();
        if (!Arrays.asList(old.split("\\s*,\\s*")).contains(value)) {
            conf.set(key, old.isEmpty() ? value : old + "," + value);
        }
    }

    private void write(SparkSession spark, SparkEvalResult result) throws IOException {
        EvaluationReport reports = result.report(worst);
        String shownReport = report == null ? null : write(spark, report, withSkipped(reports.html(), result));
        String shownCsv = csv == null ? null : write(spark, csv, reports.csv());
        PrintWriter w = spec.commandLine().getOut();
        if (format == Format.json) {
            w.print(skippedJson(reports.json(), result));
        } else {
            w.print(reports.text());
            if (skipBadFiles) {
                w.println("skipped " + result.skipped().size() + " bad image(s)" + (result.skipped().isEmpty() ? ""
                        : ":"));
                for (SkippedImage s : result.skipped()) {
                    w.println("  " + s.name() + ": " + s.error());
                }
            }
            if (shownReport != null) {
                w.println("wrote " + shownReport);
            }
            if (shownCsv != null) {
                w.println("wrote " + shownCsv);
            }
        }
        w.flush();
    }

    /** Writes a local file as the command does (atomically), or through Hadoop for another scheme. */
    private static String write(SparkSession spark, String target, String content) throws IOException {
        URI uri = hadoopUri(target);
        if (uri == null) {
            Path p = target.startsWith("file:") ? Path.of(URI.create(target)) : Path.of(target);
            AtomicFiles.writeString(p, content);
            return p.toString();
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream o = fs.create(p, true)) {
            o.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    private static URI hadoopUri(String target) {
        int colon = target.indexOf(':');
        int slash = target.indexOf('/');
        if (colon < 2 || slash >= 0 && slash < colon || target.startsWith("file:")) {
            return null; // a local path (a one-letter scheme would be a Windows drive)
        }
        return URI.create(target);
    }

    private String withSkipped(String html, SparkEvalResult result) {
        if (!skipBadFiles) {
            return html;
        }
        StringBuilder s = new StringBuilder("<h2>Skipped images</h2><p>").append(result.skipped().size())
                .append(" bad image(s) skipped.</p>\n");
        if (!result.skipped().isEmpty()) {
            s.append("<table><tr><th>file</th><th>error</th></tr>\n");
            for (SkippedImage i : result.skipped()) {
                s.append("<tr><td>").append(esc(i.name())).append("</td><td style=\"text-align:left\">")
                        .append(esc(i.error())).append("</td></tr>\n");
            }
            s.append("</table>\n");
        }
        int end = html.lastIndexOf("</body>");
        return html.substring(0, end) + s + html.substring(end);
    }

    private String skippedJson(String json, SparkEvalResult result) throws JsonProcessingException {
        if (!skipBadFiles) {
            return json;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = (ObjectNode) mapper.readTree(json);
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedImage i : result.skipped()) {
            skipped.addObject().put("file", i.name()).put("error", i.error());
        }
        return mapper.writeValueAsString(root) + System.lineSeparator();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
