package io.scce4j.cli;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The picture {@code compare --heatmap} writes for the first image of a batch: the per-pixel loss of the first
 * backend (black = 0, white = the largest loss, on a square-root scale), and, when there is a second backend,
 * where the two disagree (red: masks differ; orange: losses differ beyond the tolerance; gray: agree).
 */
final class LossHeatmap {
    private LossHeatmap() {
    }

    static BufferedImage render(Tensor loss, Tensor mask, Tensor otherLoss, Tensor otherMask,
            Tolerance tolerance, String first, String second) {
        int[] hw = imageDims(loss);
        int h = hw[0];
        int w = hw[1];
        int scale = Math.max(1, 256 / Math.max(h, w));
        int panels = otherLoss == null ? 1 : 2;
        BufferedImage img = new BufferedImage(panels * (w * scale + 10), h * scale + 22, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            double max = 0;
            for (int i = 0; i < h * w; i++) {
                double v = loss.getDouble(i);
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double v = loss.getDouble(i);
                    float shade = !Double.isFinite(v) ? 1f : max == 0 ? 0f : (float) Math.sqrt(v / max);
                    g.setColor(Double.isNaN(v) ? Color.MAGENTA : new Color(shade, shade, shade));
                    g.fillRect(x * scale, 20 + y * scale, scale, scale);
                    if (otherLoss != null) {
                        boolean masks = mask.getLong(i) != otherMask.getLong(i);
                        double o = otherLoss.getDouble(i);
                        boolean losses = !tolerance.allows(v, o);
                        g.setColor(masks ? Color.RED : losses ? Color.ORANGE : Color.LIGHT_GRAY);
                        g.fillRect(w * scale + 10 + x * scale, 20 + y * scale, scale, scale);
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("loss, " + first + String.format(java.util.Locale.ROOT, " (max %.3g)", max), 2, 14);
            if (otherLoss != null) {
                g.drawString(first + " vs " + second, w * scale + 12, 14);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** H and W of the first image: the loss must be [H, W] or [N, H, W]. */
    private static int[] imageDims(Tensor loss) {
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
