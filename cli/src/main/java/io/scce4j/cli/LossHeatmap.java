package io.scce4j.cli;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The picture {@code compare --heatmap} writes for the first image of a batch. The first panel is the first
 * backend's per-pixel loss, black at the smallest loss of the valid pixels and white at the largest (square-root
 * scale), with a color bar that names both values; pixels of the ignored class are drawn in {@link #VOID} (their
 * loss is 0 by definition, which is not a small loss), NaN and infinities in {@link #NOT_FINITE}. Then one panel
 * per other backend, showing where it disagrees with the first: {@link #MASKS_DIFFER}, {@link #LOSS_DIFFERS} or
 * {@link #AGREE}. A key under the panels names every color.
 */
final class LossHeatmap {
    static final Color VOID = new Color(0x2f6fd0);
    static final Color NOT_FINITE = Color.MAGENTA;
    static final Color MASKS_DIFFER = Color.RED;
    static final Color LOSS_DIFFERS = Color.ORANGE;
    static final Color AGREE = Color.LIGHT_GRAY;
    static final int HEADER = 20;
    private static final int GAP = 10;
    private static final int MIN_PANEL = 170;
    private static final int KEY = 74;

    /** One backend's per-pixel loss and mask, of one shape. */
    record Run(String id, Tensor loss, Tensor mask) {
    }

    private LossHeatmap() {
    }

    /**
     * The picture of the first image of {@code runs}' per-pixel losses.
     *
     * @param labels the labels the losses were computed with, to find the ignored pixels
     */
    static BufferedImage render(List<Run> runs, Tensor labels, IgnoreClass ignore, Tolerance tolerance) {
        Run first = runs.get(0);
        int[] hw = imageDims(first.loss());
        int h = hw[0];
        int w = hw[1];
        int scale = Math.max(1, 256 / Math.max(h, w));
        int column = Math.max(w * scale, MIN_PANEL) + GAP;
        BufferedImage img = new BufferedImage(runs.size() * column, HEADER + h * scale + KEY,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            boolean[] ignored = new boolean[h * w];
            boolean anyIgnored = false;
            for (int i = 0; i < h * w; i++) {
                double label = labels.getDouble(i);
                ignored[i] = ignore.isSet() && !Double.isNaN(label) && ignore.ignores((long) label);
                anyIgnored |= ignored[i];
            }
            double[] range = range(first.loss(), ignored);
            boolean anyNotFinite = false;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double v = first.loss().getDouble(i);
                    anyNotFinite |= !ignored[i] && !Double.isFinite(v);
                    g.setColor(ignored[i] ? VOID : !Double.isFinite(v) ? NOT_FINITE : shade(v, range));
                    g.fillRect(x * scale, HEADER + y * scale, scale, scale);
                    for (int k = 1; k < runs.size(); k++) {
                        Run other = runs.get(k);
                        boolean masks = first.mask().getLong(i) != other.mask().getLong(i);
                        boolean losses = !tolerance.allows(v, other.loss().getDouble(i));
                        g.setColor(masks ? MASKS_DIFFER : losses ? LOSS_DIFFERS : AGREE);
                        g.fillRect(k * column + x * scale, HEADER + y * scale, scale, scale);
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.drawString("loss, " + first.id(), 2, 14);
            for (int k = 1; k < runs.size(); k++) {
                g.drawString(first.id() + " vs " + runs.get(k).id(), k * column + 2, 14);
            }
            int top = HEADER + h * scale + 8;
            colorBar(g, range, top, column - GAP);
            int swatches = top + 32;
            if (anyIgnored) {
                swatch(g, VOID, "void (ignore_class " + ignore + ")", 0, swatches);
            }
            if (anyNotFinite) {
                swatch(g, NOT_FINITE, "NaN or infinite", 0, swatches + 16);
            }
            if (runs.size() > 1) {
                swatch(g, MASKS_DIFFER, "masks differ", column, top);
                swatch(g, LOSS_DIFFERS, "losses differ beyond tolerance", column, top + 16);
                swatch(g, AGREE, "agree", column, top + 32);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The smallest and largest finite loss of the valid pixels; {0, 0} when there is none. */
    private static double[] range(Tensor loss, boolean[] ignored) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ignored.length; i++) {
            double v = loss.getDouble(i);
            if (!ignored[i] && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new double[] {0, 0} : new double[] {min, max};
    }

    /** Gray from black (the smallest loss) to white (the largest), on a square-root scale. */
    static Color shade(double v, double[] range) {
        double span = range[1] - range[0];
        float s = span <= 0 ? 0f : (float) Math.sqrt(Math.min(1, Math.max(0, (v - range[0]) / span)));
        return new Color(s, s, s);
    }

    private static void colorBar(Graphics2D g, double[] range, int top, int width) {
        int bar = width - 4;
        for (int x = 0; x < bar; x++) {
            g.setColor(shade(range[0] + (range[1] - range[0]) * x / Math.max(1, bar - 1), range));
            g.fillRect(2 + x, top, 1, 10);
        }
        g.setColor(Color.BLACK);
        g.drawRect(2, top, bar, 10);
        String min = number(range[0]);
        String max = number(range[1]);
        g.drawString(min, 2, top + 23);
        g.drawString(max, 2 + bar - g.getFontMetrics().stringWidth(max), top + 23);
    }

    private static void swatch(Graphics2D g, Color color, String text, int left, int top) {
        g.setColor(color);
        g.fillRect(left + 2, top, 10, 10);
        g.setColor(Color.BLACK);
        g.drawRect(left + 2, top, 10, 10);
        g.drawString(text, left + 16, top + 10);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** H and W of the first image: the loss must be [H, W] or [N, H, W]. */
    static int[] imageDims(Tensor loss) {
        long[] d = loss.shape().toArray();
        if (d.length == 2) {
            return new int[] {(int) d[0], (int) d[1]};
        }
        if (d.length == 3) {
            return new int[] {(int) d[1], (int) d[2]};
        }
        throw InvalidInputException.shapeMismatch("--heatmap needs images: a per-pixel loss of shape [H, W] or "
                + "[N, H, W]; got " + loss.shape());
    }
}
