package io.scce4j.spark;

import io.scce4j.api.Backend;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Tensor;
import io.scce4j.eval.Evaluation;
import io.scce4j.eval.Evaluator;
import io.scce4j.eval.LabelErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * A task's work, on an executor: each image read, checked and evaluated as {@code scce4j eval} does it
 * ({@code EvalCommand}), with the executor's backend. An image that cannot be evaluated becomes an
 * {@link ImageProblem} carrying the command's one-line error; anything else (a store that fails, a bug) fails the
 * task, which Spark then runs again.
 */
final class PartitionEvaluator {
    private final EvalSettings settings;
    private final Evaluator evaluator;
    private final Map<Integer, Evaluation> evaluations = new TreeMap<>();
    private final List<ImageProblem> problems = new ArrayList<>();
    private int images;

    private PartitionEvaluator(EvalSettings settings) {
        this.settings = settings;
        Backend backend = ExecutorBackends.get(settings.backend(), settings.threads());
        this.evaluator = new Evaluator(backend.loss(settings.lossOptions()), backend.predictor());
    }

    /**
     * The images of a folder evaluation. Its tasks hold consecutive images in their order, so without skipping
     * a task stops at its first bad image: no later image's error could be the one {@code scce4j eval} reports.
     */
    static PartitionResult files(Iterator<FileImage> images, EvalSettings settings, Configuration conf) {
        PartitionEvaluator p = new PartitionEvaluator(settings);
        while (images.hasNext()) {
            FileImage f = images.next();
            boolean ok = p.evaluate(f.name(), f.maskShown(), f.predictionShown(),
                    () -> HadoopFiles.readLabels(f.mask(), f.maskShown(), settings.yTrueKey(),
                            settings.maskChannel(), conf),
                    () -> HadoopFiles.read(f.prediction(), f.predictionShown(), settings.yPredKey(), conf));
            if (!ok && !settings.skipBadImages()) {
                break;
            }
        }
        return p.result();
    }

    /**
     * The rows of a table evaluation: {@code (id, mask, prediction)}. Rows come in no particular order, so every
     * row is evaluated; the driver decides which error counts.
     */
    static PartitionResult rows(Iterator<Row> rows, EvalSettings settings) {
        PartitionEvaluator p = new PartitionEvaluator(settings);
        while (rows.hasNext()) {
            Row r = rows.next();
            String id = r.isNullAt(0) ? "null" : r.get(0).toString();
            String maskShown = id + "/" + r.schema().fields()[1].name();
            String predictionShown = id + "/" + r.schema().fields()[2].name();
            p.evaluate(id, maskShown, predictionShown,
                    () -> SparkValues.labels(r.get(1), maskShown, settings.yTrueKey(), settings.maskChannel()),
                    () -> SparkValues.array(r.get(2), predictionShown, settings.yPredKey()));
        }
        return p.result();
    }

    @FunctionalInterface
    private interface Read {
        Tensor read() throws IOException;
    }

    /** One image, in the command's steps and order; whether it was evaluated. */
    private boolean evaluate(String name, String maskShown, String predictionShown, Read labels, Read prediction) {
        images++;
        Tensor y;
        Tensor p;
        try {
            y = labels.read();
            p = prediction.read();
        } catch (IOException | InvalidInputException e) {
            problems.add(new ImageProblem(name, -1, Messages.describe(e), false));
            return false;
        }
        if (p.rank() == 0) {
            problems.add(new ImageProblem(name, -1, predictionShown + ": a scalar; a prediction is [H, W, C]",
                    false));
            return false;
        }
        int classes = (int) p.shape().dim(-1);
        if (settings.numClasses() != null && settings.numClasses() != classes) {
            problems.add(new ImageProblem(name, classes, predictionShown + " has " + classes + " classes but "
                    + "--num-classes is " + settings.numClasses(), false));
            return false;
        }
        Evaluation one;
        try {
            one = evaluator.evaluate(name, y, p);
        } catch (InvalidInputException e) {
            // A label out of range at its pixel, as scce4j eval says it (LabelErrors); anything else as the api does.
            InvalidInputException located = LabelErrors.locate(e, maskShown, p.shape().withoutLast(),
                    settings.lossOptions().ignoreClass());
            problems.add(new ImageProblem(name, classes, Messages.describe(located), true));
            return false;
        }
        evaluations.computeIfAbsent(classes, c -> new Evaluation()).combine(one);
        return true;
    }

    private PartitionResult result() {
        return new PartitionResult(images, evaluations, problems);
    }
}
