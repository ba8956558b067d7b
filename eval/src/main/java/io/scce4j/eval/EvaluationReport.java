package io.scce4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.LossOptions;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The reports of an {@link Evaluation}, what {@code scce4j eval} prints and writes: a text summary, the same as
 * JSON, one CSV row per image, and a self-contained HTML page with the confusion matrix as an embedded PNG heat
 * map. Every program that reports an evaluation with this class prints the same thing.
 * <pre>{@code
 * EvaluationReport report = EvaluationReport.of(evaluation, options, 5);   // the loss's options; 5 worst images
 * System.out.print(report.text());
 * AtomicFiles.writeString(Path.of("eval.html"), report.html());
 * AtomicFiles.writeString(Path.of("per-image.csv"), report.csv());
 * }</pre>
 */
public final class EvaluationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Evaluation evaluation;
    private final LossOptions options;
    private final List<ImageResult> worst;

    private EvaluationReport(Evaluation evaluation, LossOptions options, int worst) {
        this.evaluation = evaluation;
        this.options = options;
        this.worst = evaluation.worst(worst);
    }

    /**
     * The reports of {@code evaluation}, made with a loss of these {@code options}, listing the {@code worst}
     * images of highest mean loss.
     */
    public static EvaluationReport of(Evaluation evaluation, LossOptions options, int worst) {
        return new EvaluationReport(evaluation, options, worst);
    }

    /** The images listed as worst, highest mean loss first. */
    public List<ImageResult> worst() {
        return worst;
    }

    /** The summary as lines of text, each ending in the platform's line separator. */
    public String text() {
        StringBuilder w = new StringBuilder();
        double[] iou = evaluation.iou();
        w.append(String.format(Locale.ROOT, "%s, %d pixels evaluated%n", images(evaluation.images().size()),
                evaluation.validPixels()));
        w.append(String.format(Locale.ROOT, "loss (over the whole set): %.8f%n", evaluation.loss()));
        w.append(String.format(Locale.ROOT, "pixel accuracy: %.6f%n", evaluation.pixelAccuracy()));
        w.append(String.format(Locale.ROOT, "mean IoU: %.6f%n", evaluation.meanIou()));
        StringBuilder per = new StringBuilder("IoU per class:");
        for (int c = 0; c < iou.length; c++) {
            per.append(String.format(Locale.ROOT, " %d=%s", c, Double.isNaN(iou[c]) ? "-"
                    : String.format(Locale.ROOT, "%.4f", iou[c])));
        }
        w.append(per).append(System.lineSeparator());
        w.append("worst images (mean loss):").append(System.lineSeparator());
        for (ImageResult r : worst) {
            w.append(String.format(Locale.ROOT, "  %s  %.6f  (pixel accuracy %.4f)%n", r.name(), r.meanLoss(),
                    r.accuracy()));
        }
        return w.toString();
    }

    /**
     * The summary as an indented JSON object, ending in the platform's line separator: {@code images},
     * {@code pixels} (valid), {@code loss}, {@code pixel_accuracy}, {@code mean_iou}, {@code iou} (per class,
     * {@code "NaN"} for a class that appears nowhere), {@code confusion} and {@code worst} (file, mean loss, pixel
     * accuracy).
     */
    public String json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("images", evaluation.images().size()).put("pixels", evaluation.validPixels());
        putNumber(root, "loss", evaluation.loss());
        root.put("pixel_accuracy", evaluation.pixelAccuracy()).put("mean_iou", evaluation.meanIou());
        ArrayNode ious = root.putArray("iou");
        for (double v : evaluation.iou()) {
            addNumber(ious, v);
        }
        ArrayNode cm = root.putArray("confusion");
        for (long[] row : evaluation.confusion()) {
            ArrayNode r = cm.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        ArrayNode wst = root.putArray("worst");
        for (ImageResult r : worst) {
            wst.addObject().put("file", r.name()).put("mean_loss", r.meanLoss()).put("pixel_accuracy",
                    r.accuracy());
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of numbers and strings always serializes", e);
        }
    }

    /** One row per image, in listing order: {@code file,pixels,valid_pixels,mean_loss,pixel_accuracy}. */
    public String csv() {
        StringBuilder b = new StringBuilder("file,pixels,valid_pixels,mean_loss,pixel_accuracy\n");
        for (ImageResult r : evaluation.images()) {
            b.append(r.name().contains(",") ? '"' + r.name() + '"' : r.name()).append(',').append(r.pixels())
                    .append(',').append(r.validPixels()).append(',').append(r.meanLoss()).append(',')
                    .append(r.accuracy()).append('\n');
        }
        return b.toString();
    }

    /** The self-contained HTML page, with the confusion matrix as an embedded PNG heat map. */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>scce4j eval</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th{background:#f3f3f3}</style></head><body>\n<h1>Segmentation evaluation</h1>\n");
        // The loss options say reduction=sum (each image's loss is summed so that parts merge exactly); what the
        // page shows is the mean over the set's valid pixels, so it names that, not the options' reduction.
        h.append(String.format(Locale.ROOT, "<p>%s, %d pixels evaluated. The loss is Keras's sum_over_batch_size of "
                + "the whole set as one batch: the mean over its valid pixels (%s).</p>\n",
                images(evaluation.images().size()), evaluation.validPixels(), esc(describe(options))));
        h.append(String.format(Locale.ROOT, "<table><tr><th>loss (whole set)</th><td>%.8f</td></tr><tr><th>pixel "
                + "accuracy</th><td>%.6f</td></tr><tr><th>mean IoU</th><td>%.6f</td></tr></table>\n",
                evaluation.loss(), evaluation.pixelAccuracy(), evaluation.meanIou()));
        h.append("<h2>IoU per class</h2><table><tr><th>class</th><th>IoU</th></tr>\n");
        double[] iou = evaluation.iou();
        for (int c = 0; c < iou.length; c++) {
            h.append("<tr><td>").append(c).append("</td><td>").append(Double.isNaN(iou[c]) ? "-"
                    : String.format(Locale.ROOT, "%.6f", iou[c])).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Confusion matrix</h2><p>Rows: true class; columns: predicted class; shade: share of "
                + "the row.</p>\n<img alt=\"confusion matrix\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png(heatmap(evaluation.confusion())))).append("\">\n");
        h.append("<h2>Worst images</h2><table><tr><th>file</th><th>mean loss</th><th>pixel accuracy</th></tr>\n");
        for (ImageResult r : worst) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.6f</td><td>%.4f</td></tr>%n", esc(r.name()),
                    r.meanLoss(), r.accuracy()));
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /**
     * The confusion matrix as a heat map: each row shaded by its share, with the counts written in where the
     * cells are large enough.
     */
    static BufferedImage heatmap(long[][] cm) {
        int n = cm.length;
        int cell = n <= 12 ? 40 : Math.max(4, 480 / n);
        int margin = 30;
        BufferedImage img = new BufferedImage(margin + n * cell + 1, margin + n * cell + 1,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            for (int t = 0; t < n; t++) {
                long row = 0;
                for (long v : cm[t]) {
                    row += v;
                }
                for (int p = 0; p < n; p++) {
                    float share = row == 0 ? 0f : (float) cm[t][p] / row;
                    g.setColor(new Color(1f - share * 0.9f, 1f - share * 0.6f, 1f));
                    g.fillRect(margin + p * cell, margin + t * cell, cell, cell);
                    g.setColor(Color.LIGHT_GRAY);
                    g.drawRect(margin + p * cell, margin + t * cell, cell, cell);
                    if (cell >= 30) {
                        g.setColor(share > 0.6f ? Color.WHITE : Color.BLACK);
                        g.drawString(Long.toString(cm[t][p]), margin + p * cell + 3, margin + t * cell + cell / 2 + 4);
                    }
                }
                if (cell >= 12) {
                    g.setColor(Color.BLACK);
                    g.drawString(Integer.toString(t), 4, margin + t * cell + cell / 2 + 4);
                    g.drawString(Integer.toString(t), margin + t * cell + cell / 2 - 3, 18);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addNumber(ArrayNode array, double v) {
        if (Double.isNaN(v)) {
            array.add("NaN");
        } else if (Double.isInfinite(v)) {
            array.add(v > 0 ? "Infinity" : "-Infinity");
        } else {
            array.add(v);
        }
    }

    private static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.put(field, Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static String images(int n) {
        return n + (n == 1 ? " image" : " images");
    }

    /** The options that shape the loss's value, without the reduction (always sum, per image). */
    private static String describe(LossOptions options) {
        return "profile " + options.profile() + ", " + (options.fromLogits() ? "from logits" : "from probabilities")
                + (options.ignoreClass().isSet() ? ", ignore_class " + options.ignoreClass() : "");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
