package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.cli.io.AtomicFiles;
import io.scce4j.discovery.BackendSelector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scce4j eval}: loss, pixel accuracy and IoU of predictions against masks, over whole folders. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate predictions against ground-truth masks: the loss over the whole set (as Keras "
                + "computes it on one batch), pixel accuracy, per-class and mean IoU (Keras MeanIoU), the "
                + "confusion matrix and the worst images.",
            "Files are paired by name without extension: masks (PNG, .npy, .npz) with predictions (.npy, .npz)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error.", "3:Bad input: unreadable file, no pair, wrong shape, "
                + "label out of range.", "4:Backend missing or unavailable."},
        footer = {"", "Example:", "  scce4j eval --y-true masks/ --y-pred predictions/ --ignore-class 255 "
                + "--report eval.html --csv per-image.csv"})
final class EvalCommand implements Callable<Integer> {
    private final BackendSelector selector;

    @Spec
    CommandSpec spec;

    @Option(names = "--y-true", paramLabel = "DIR_OR_FILE", required = true,
            description = "Ground-truth masks: PNG (8-bit gray, palette, RGB with --mask-channel, 16-bit gray), "
                    + ".npy or .npz.")
    Path yTrue;

    @Option(names = "--y-pred", paramLabel = "DIR_OR_FILE", required = true,
            description = "Predictions [H, W, C]: .npy or .npz.")
    Path yPred;

    @Mixin
    EvalOptions options;

    @Mixin
    ArrayFileOptions files;

    @Option(names = "--backend", paramLabel = "ID", description = "Backend id (default: by the selection rules).")
    String backend;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    Path report;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one CSV row per image.")
    Path csv;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "5",
            description = "How many worst images to list. Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    EvalCommand(BackendSelector selector) {
        this.selector = selector;
    }

    /** One image's numbers. */
    static final class ImageResult {
        final String name;
        final long pixels;
        final long valid;
        final double lossSum;
        final long correct;

        ImageResult(String name, long pixels, long valid, double lossSum, long correct) {
            this.name = name;
            this.pixels = pixels;
            this.valid = valid;
            this.lossSum = lossSum;
            this.correct = correct;
        }

        double meanLoss() {
            return valid == 0 ? 0 : lossSum / valid;
        }

        double accuracy() {
            return valid == 0 ? 0 : (double) correct / valid;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Path[]> pairs = pairs();
        LossOptions lossOptions = options.lossOptions();
        List<ImageResult> images = new ArrayList<>();
        EvalMetrics metrics = null;
        PrintWriter err = spec.commandLine().getErr();
        try (Backend b = selector.open(backend);
                Progress progress = new Progress("eval", pairs.size(), err, System.console() != null)) {
            SparseCategoricalCrossentropy loss = b.loss(lossOptions);
            MaskPredictor predictor = b.predictor();
            for (Path[] pair : pairs) {
                Tensor labels = ArrayFiles.read(pair[0], files.yTrueKey, files.maskChannel, true);
                Tensor pred = ArrayFiles.read(pair[1], files.yPredKey, files.maskChannel, false);
                int classes = (int) pred.shape().dim(-1);
                if (options.numClasses != null && options.numClasses != classes) {
                    throw InvalidInputException.shapeMismatch(pair[1] + " has " + classes + " classes but "
                            + "--num-classes is " + options.numClasses);
                }
                if (metrics == null) {
                    metrics = new EvalMetrics(classes);
                } else if (metrics.classes != classes) {
                    throw InvalidInputException.shapeMismatch(pair[1] + " has " + classes + " classes; the first "
                            + "prediction had " + metrics.classes);
                }
                images.add(evaluate(pair, labels, pred, loss, predictor, metrics));
                progress.step(pair[0].getFileName().toString());
            }
        }
        for (ImageResult r : images) {
            metrics.lossSum += r.lossSum;
            metrics.valid += r.valid;
        }
        List<ImageResult> worstFirst = images.stream()
                .sorted(Comparator.comparingDouble(ImageResult::meanLoss).reversed()).limit(worst)
                .collect(Collectors.toList());
        if (csv != null) {
            AtomicFiles.writeString(csv, csv(images));
        }
        if (report != null) {
            AtomicFiles.writeString(report, EvalReport.html(lossOptions, images, worstFirst, metrics));
        }
        print(metrics, images, worstFirst);
        return ExitCodes.OK;
    }

    private ImageResult evaluate(Path[] pair, Tensor labels, Tensor pred, SparseCategoricalCrossentropy loss,
            MaskPredictor predictor, EvalMetrics metrics) {
        double sum = loss.compute(labels, pred).getDouble(0);
        Tensor mask = predictor.predict(pred);
        long valid = 0;
        long correct = 0;
        Long ignore = options.ignoreClass;
        for (int i = 0; i < mask.size(); i++) {
            long t = (long) labels.getDouble(i);
            if (ignore != null && t == ignore) {
                continue;
            }
            int p = (int) mask.getLong(i);
            metrics.add((int) t, p);
            valid++;
            correct += t == p ? 1 : 0;
        }
        return new ImageResult(pair[0].getFileName().toString(), mask.size(), valid, sum, correct);
    }

    private List<Path[]> pairs() throws IOException {
        if (!Files.exists(yTrue)) {
            throw new NoSuchFileException(yTrue.toString(), null, "no such file");
        }
        if (!Files.exists(yPred)) {
            throw new NoSuchFileException(yPred.toString(), null, "no such file");
        }
        if (Files.isDirectory(yTrue) != Files.isDirectory(yPred)) {
            throw new ParameterException(spec.commandLine(), "--y-true and --y-pred must both be folders or both "
                    + "be files");
        }
        if (!Files.isDirectory(yTrue)) {
            return List.<Path[]>of(new Path[] {yTrue, yPred});
        }
        Map<String, Path> predictions = byStem(yPred);
        Map<String, Path> masks = byStem(yTrue);
        if (masks.isEmpty()) {
            throw new IOException(yTrue + ": holds no .png, .npy or .npz file");
        }
        List<Path[]> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        masks.forEach((stem, mask) -> {
            Path p = predictions.get(stem);
            if (p == null) {
                missing.add(mask.getFileName().toString());
            } else {
                pairs.add(new Path[] {mask, p});
            }
        });
        if (!missing.isEmpty()) {
            throw new IOException(yPred + ": no prediction for " + missing.size() + " mask(s), e.g. "
                    + missing.get(0) + " (files pair by name without extension)");
        }
        return pairs;
    }

    private static Map<String, Path> byStem(Path dir) throws IOException {
        Map<String, Path> map = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(ArrayFiles::isReadable).sorted().collect(Collectors.toList())) {
                Path previous = map.put(ArrayFiles.stem(p), p);
                if (previous != null) {
                    throw new IOException(dir + ": " + previous.getFileName() + " and " + p.getFileName()
                            + " share a name; keep one");
                }
            }
        }
        return map;
    }

    private static String csv(List<ImageResult> images) {
        StringBuilder b = new StringBuilder("file,pixels,valid_pixels,mean_loss,pixel_accuracy\n");
        for (ImageResult r : images) {
            b.append(r.name.contains(",") ? '"' + r.name + '"' : r.name).append(',').append(r.pixels).append(',')
                    .append(r.valid).append(',').append(r.meanLoss()).append(',').append(r.accuracy()).append('\n');
        }
        return b.toString();
    }

    private void print(EvalMetrics m, List<ImageResult> images, List<ImageResult> worstFirst) throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        double[] iou = m.iou();
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("images", images.size()).put("pixels", m.valid);
            Output.putNumber(root, "loss", m.meanLoss());
            root.put("pixel_accuracy", m.pixelAccuracy()).put("mean_iou", m.meanIou());
            ArrayNode ious = root.putArray("iou");
            for (double v : iou) {
                Output.addNumber(ious, v);
            }
            ArrayNode cm = root.putArray("confusion");
            for (long[] row : m.confusion) {
                ArrayNode r = cm.addArray();
                for (long v : row) {
                    r.add(v);
                }
            }
            ArrayNode wst = root.putArray("worst");
            for (ImageResult r : worstFirst) {
                wst.addObject().put("file", r.name).put("mean_loss", r.meanLoss()).put("pixel_accuracy",
                        r.accuracy());
            }
            w.println(Output.JSON.writeValueAsString(root));
        } else {
            w.printf(Locale.ROOT, "%d images, %d pixels evaluated%n", images.size(), m.valid);
            w.printf(Locale.ROOT, "loss (over the whole set): %.8f%n", m.meanLoss());
            w.printf(Locale.ROOT, "pixel accuracy: %.6f%n", m.pixelAccuracy());
            w.printf(Locale.ROOT, "mean IoU: %.6f%n", m.meanIou());
            StringBuilder per = new StringBuilder("IoU per class:");
            for (int c = 0; c < iou.length; c++) {
                per.append(String.format(Locale.ROOT, " %d=%s", c, Double.isNaN(iou[c]) ? "-"
                        : String.format(Locale.ROOT, "%.4f", iou[c])));
            }
            w.println(per);
            w.println("worst images (mean loss):");
            for (ImageResult r : worstFirst) {
                w.printf(Locale.ROOT, "  %s  %.6f  (pixel accuracy %.4f)%n", r.name, r.meanLoss(), r.accuracy());
            }
            if (report != null) {
                w.println("wrote " + report);
            }
            if (csv != null) {
                w.println("wrote " + csv);
            }
        }
        w.flush();
    }

    /** Loss options for eval (reduction is fixed: eval sums, then divides over the whole set). */
    static final class EvalOptions {
        @Option(names = "--ignore-class", paramLabel = "K",
                description = "Leave pixels labelled K out of the loss, the accuracy and the IoU (e.g. 255).")
        Long ignoreClass;

        @Option(names = "--num-classes", paramLabel = "C",
                description = "Check that every prediction has C classes.")
        Integer numClasses;

        @Option(names = "--from-logits", description = "Predictions are logits, not probabilities.")
        boolean fromLogits;

        @Option(names = "--profile", paramLabel = "P", defaultValue = "keras3",
                description = "keras3, keras2 or keras2-legacy. Default: ${DEFAULT-VALUE}.")
        String profile;

        LossOptions lossOptions() {
            LossOptions.Builder b = LossOptions.builder().fromLogits(fromLogits).reduction(Reduction.SUM)
                    .profile(LossProfile.parse(profile));
            if (ignoreClass != null) {
                b.ignoreClass(ignoreClass);
            }
            return b.build();
        }
    }
}
