package io.scce4j.cli;

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

/** The self-contained HTML page of {@code eval}, with the confusion matrix as an embedded PNG heat map. */
final class EvalReport {
    private EvalReport() {
    }

    static String html(LossOptions options, List<EvalCommand.ImageResult> images,
            List<EvalCommand.ImageResult> worst, EvalMetrics m) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>scce4j eval</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th{background:#f3f3f3}</style></head><body>\n<h1>Segmentation evaluation</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%d images, %d pixels evaluated (%s).</p>\n", images.size(),
                m.valid, esc(options.toString())));
        h.append(String.format(Locale.ROOT, "<table><tr><th>loss (whole set)</th><td>%.8f</td></tr><tr><th>pixel "
                + "accuracy</th><td>%.6f</td></tr><tr><th>mean IoU</th><td>%.6f</td></tr></table>\n",
                m.meanLoss(), m.pixelAccuracy(), m.meanIou()));
        h.append("<h2>IoU per class</h2><table><tr><th>class</th><th>IoU</th></tr>\n");
        double[] iou = m.iou();
        for (int c = 0; c < iou.length; c++) {
            h.append("<tr><td>").append(c).append("</td><td>").append(Double.isNaN(iou[c]) ? "-"
                    : String.format(Locale.ROOT, "%.6f", iou[c])).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Confusion matrix</h2><p>Rows: true class; columns: predicted class; shade: share of "
                + "the row.</p>\n<img alt=\"confusion matrix\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png(heatmap(m.confusion)))).append("\">\n");
        h.append("<h2>Worst images</h2><table><tr><th>file</th><th>mean loss</th><th>pixel accuracy</th></tr>\n");
        for (EvalCommand.ImageResult r : worst) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.6f</td><td>%.4f</td></tr>%n", esc(r.name),
                    r.meanLoss(), r.accuracy()));
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** The confusion matrix as a heat map: each row shaded by its share, with the counts written in. */
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

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
