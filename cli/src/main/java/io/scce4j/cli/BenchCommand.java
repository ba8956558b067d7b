package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendSelector;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scce4j bench}: the quick, user-facing benchmark. Medians over repetitions after a warm-up, beside the
 * floor (the time to read the same bytes once) measured in the same run. JMH ({@code benchmarks/}) remains the
 * precise instrument.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time loss (probabilities), loss-logits, loss+gradient and predict on a seeded float32 "
                + "batch for each backend, with the floor (the fastest read of the same bytes, 1 and T threads) and, "
                + "with --against-keras, Keras itself in the same run. Reports medians with min and max, ratios to "
                + "the floor and to Keras, and Java heap bytes allocated per op by all threads."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "4:Backend missing or unavailable."},
        footer = {"", "Examples:", "  scce4j bench --backends cpu,tf --shape 8x96x128x23 --format json",
            "  scce4j bench --backends cpu --against-keras"})
final class BenchCommand implements Callable<Integer> {
    private final BackendSelector selector;
    private final BackendSettings settings;

    @Spec
    CommandSpec spec;

    @Option(names = "--backends", paramLabel = "IDS", split = ",", completionCandidates = Completions.BackendIds.class,
            description = "Backends to time (default: every available one).")
    List<String> backends;

    @Option(names = "--shape", paramLabel = "NxHxWxC", defaultValue = "8x96x128x23",
            description = "Shape of y_pred. Default: ${DEFAULT-VALUE}.")
    String shape;

    @Option(names = "--threads", paramLabel = "T", description = "Threads for every backend that has a thread "
            + "setting (cpu, tf) and for the multi-threaded floor, 1 to 1024 (default: the processors).")
    Integer threads;

    @Option(names = "--repetitions", paramLabel = "R", defaultValue = "15",
            description = "Timed repetitions per op, after as many warm-up calls. Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--against-keras", description = "Also time Keras itself on the same batch, through the Keras "
            + "oracle's Python environment (see --keras-oracle).")
    boolean againstKeras;

    @Option(names = "--keras-oracle", paramLabel = "DIR", defaultValue = "conformance-tests/keras-oracle",
            description = "The oracle folder with .venv and bench_keras.py. Default: ${DEFAULT-VALUE}.")
    Path kerasOracle;

    @Inject
    BenchCommand(BackendSelector selector, BackendSettings settings) {
        this.selector = selector;
        this.settings = settings;
    }

    /** A named operation on the batch. */
    private interface Op {
        Object run();
    }

    @Override
    public Integer call() throws Exception {
        long[] dims;
        try {
            dims = Arrays.stream(shape.split("x")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--shape '" + shape + "' is not like 8x96x128x23");
        }
        if (repetitions < 1) {
            throw new ParameterException(spec.commandLine(), "--repetitions must be >= 1");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > BackendSettings.MAX_THREADS) {
            throw new ParameterException(spec.commandLine(), "--threads " + t + " is not a thread count; valid: 1 to "
                    + BackendSettings.MAX_THREADS);
        }
        Shape predShape = Shape.of(dims);
        int classes = (int) dims[dims.length - 1];
        SplittableRandom r = new SplittableRandom(7);
        int[] labels = new int[predShape.size() / classes];
        float[] z = new float[predShape.size()];
        float[] p = new float[predShape.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[i * classes + c] = (float) (r.nextGaussian() * 3);
                sum += Math.exp(z[i * classes + c]);
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = (float) (Math.exp(z[i * classes + c]) / sum);
            }
        }
        Tensor yTrue = Tensor.ofInts(predShape.withoutLast(), labels);
        Tensor probs = Tensor.ofFloats(predShape, p);
        Tensor logits = Tensor.ofFloats(predShape, z);

        ReadFloor floor = new ReadFloor(p);
        double floor1 = floor.milliseconds(1, repetitions);
        double floorT = floor.milliseconds(t, repetitions);
        double sequential = floor.sequential(repetitions);
        KerasTiming.Result keras = againstKeras ? KerasTiming.run(kerasOracle, yTrue, probs, logits, t, repetitions)
                : null;
        List<double[]> stats = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (String id : backends != null ? backends : selector.availableIds()) {
            try (Backend b = selector.open(id, settings.withThreads(t))) {
                SparseCategoricalCrossentropy loss = b.loss(LossOptions.defaults());
                SparseCategoricalCrossentropy lossLogits = b.loss(LossOptions.builder().fromLogits(true).build());
                MaskPredictor predictor = b.predictor();
                Op[] ops = {() -> loss.compute(yTrue, probs), () -> lossLogits.compute(yTrue, logits),
                    () -> loss.computeWithGradient(yTrue, probs), () -> predictor.predict(logits)};
                String[] opNames = {"loss", "loss-logits", "loss+gradient", "predict"};
                for (int k = 0; k < ops.length; k++) {
                    for (int w = 0; w < repetitions; w++) {
                        ops[k].run();
                    }
                    long before = allocated();
                    double[] times = time(ops[k]::run);
                    long bytes = (allocated() - before) / repetitions;
                    double[] sorted = times.clone();
                    Arrays.sort(sorted);
                    stats.add(new double[] {median(times), sorted[0], sorted[sorted.length - 1], bytes});
                    names.add(new String[] {b.id(), opNames[k]});
                }
            }
        }
        print(dims, t, new double[] {floor1, floorT, sequential}, keras, names, stats);
        return ExitCodes.OK;
    }

    private double[] time(Runnable body) {
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Java heap bytes allocated so far by every live thread: the caller's and the backends' worker pools. */
    private static long allocated() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            long total = 0;
            for (long bytes : ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(bean.getAllThreadIds())) {
                total += Math.max(0, bytes);
            }
            return total;
        }
        return 0;
    }

    private void print(long[] dims, int t, double[] floors, KerasTiming.Result keras, List<String[]> names,
            List<double[]> stats) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        double floorT = floors[1];
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode s = root.putArray("shape");
            for (long d : dims) {
                s.add(d);
            }
            root.put("threads", t);
            ObjectNode floor = root.putObject("floor_ms");
            floor.put("1", floors[0]);
            floor.put(Integer.toString(t), floorT);
            root.put("floor_sequential_ms", floors[2]);
            if (keras != null) {
                ObjectNode k = root.putObject("keras");
                k.put("versions", keras.versions());
                keras.ops().forEach((op, st) -> k.putObject(op).put("median_ms", st[0]).put("min_ms", st[1])
                        .put("max_ms", st[2]));
            }
            ArrayNode results = root.putArray("results");
            for (int i = 0; i < stats.size(); i++) {
                double[] st = stats.get(i);
                ObjectNode r = results.addObject().put("backend", names.get(i)[0]).put("op", names.get(i)[1])
                        .put("median_ms", st[0]).put("min_ms", st[1]).put("max_ms", st[2])
                        .put("alloc_bytes_per_op", (long) st[3]).put("x_floor", st[0] / floorT);
                double[] k = keras == null ? null : keras.ops().get(names.get(i)[1]);
                if (k != null) {
                    r.put("x_keras", st[0] / k[0]);
                }
            }
            w.println(Output.JSON.writeValueAsString(root));
        } else {
            w.printf(Locale.ROOT, "shape %s, %d threads, %d repetitions; floor (fastest read of %.2f MB): %.2f ms on "
                    + "1 thread, %.2f ms on %d (one double accumulator, the old floor: %.2f ms)%n",
                    Arrays.toString(dims), t, repetitions, Arrays.stream(dims).reduce(1, (a, b) -> a * b) * 4 / 1e6,
                    floors[0], floorT, t, floors[2]);
            if (keras != null) {
                w.println("keras: " + keras.versions() + ", the same batch, " + t + " threads");
            }
            List<String[]> rows = new ArrayList<>();
            if (keras != null) {
                keras.ops().forEach((op, st) -> rows.add(new String[] {"keras", op, ms(st[0]), ms(st[1]), ms(st[2]),
                    String.format(Locale.ROOT, "%.1f", st[0] / floorT), "1.00", "-"}));
            }
            for (int i = 0; i < stats.size(); i++) {
                double[] st = stats.get(i);
                double[] k = keras == null ? null : keras.ops().get(names.get(i)[1]);
                List<String> row = new ArrayList<>(List.of(names.get(i)[0], names.get(i)[1], ms(st[0]), ms(st[1]),
                        ms(st[2]), String.format(Locale.ROOT, "%.1f", st[0] / floorT)));
                if (keras != null) {
                    row.add(k == null ? "-" : String.format(Locale.ROOT, "%.2f", st[0] / k[0]));
                }
                row.add(String.format(Locale.ROOT, "%d", (long) st[3]));
                rows.add(row.toArray(new String[0]));
            }
            List<String> header = new ArrayList<>(List.of("backend", "op", "median ms", "min ms", "max ms",
                    "x floor"));
            if (keras != null) {
                header.add("x keras");
            }
            header.add("alloc B/op");
            w.print(Table.render(header.toArray(new String[0]), rows));
        }
        w.flush();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
