package io.scce4j.examples.unet;

/**
 * The example's data and initial weights, from integer formulas that the Keras oracle
 * ({@code conformance-tests/keras-oracle/cases.py}, {@code unet_batch} and {@code unet_weight}) evaluates the same
 * way: every value is an integer times a power of two, exact in float32, so both sides start from the same bits.
 */
final class SyntheticShapes {
    static final int IMAGES = 4;
    static final int SIZE = 32;
    static final int CHANNELS = 3;
    static final int CLASSES = 3;
    /** Per class, in quarters: background, disc, square. */
    private static final int[][] COLORS = {{1, 2, 3}, {3, 1, 1}, {1, 3, 1}};

    private SyntheticShapes() {
    }

    /** The images {@code [4, 32, 32, 3]} and their labels {@code [4, 32, 32]}: a disc (1), a square (2), background. */
    static float[] images(int[] labels) {
        float[] x = new float[IMAGES * SIZE * SIZE * CHANNELS];
        for (int k = 0; k < IMAGES; k++) {
            int cy = 8 + (5 * k) % 16;
            int cx = 8 + (11 * k) % 16;
            int r = 5 + k % 3;
            int sy = (3 + 7 * k) % 20;
            int sx = (17 + 13 * k) % 20;
            int a = 8 + k % 4;
            for (int i = 0; i < SIZE; i++) {
                for (int j = 0; j < SIZE; j++) {
                    int label = sy <= i && i < sy + a && sx <= j && j < sx + a ? 2
                            : (i - cy) * (i - cy) + (j - cx) * (j - cx) < r * r ? 1 : 0;
                    int pixel = (k * SIZE + i) * SIZE + j;
                    labels[pixel] = label;
                    for (int c = 0; c < CHANNELS; c++) {
                        x[pixel * CHANNELS + c] = (16 * COLORS[label][c] + (i * 7 + j * 13 + c * 5 + k * 3) % 11 - 5)
                                / 64f;
                    }
                }
            }
        }
        return x;
    }

    /**
     * Weight number {@code index} of the model (Keras's order), {@code size} elements in Keras's layout: a
     * multiplicative hash of each element's position as an integer in [-128, 128), times 2^-shift.
     */
    static float[] weight(int index, int size, int shift) {
        float[] w = new float[size];
        float scale = (float) Math.pow(2, -shift);
        for (int e = 0; e < size; e++) {
            long h = ((e + 1L) * 2654435761L + index * 40503L) & 0xFFFFFFFFL;
            w[e] = ((h >>> 24) - 128) * scale;
        }
        return w;
    }
}
