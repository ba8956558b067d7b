package io.scce4j.io;

import java.awt.image.IndexColorModel;

/**
 * The class colors of written masks: the PASCAL VOC colormap (class 0 black, 1 dark red, 2 dark green, 3 olive,
 * ...), defined for all 256 byte values by interleaving the bits of the class id over red, green and blue.
 * Classes from 256 on repeat the colors of {@code id % 256}.
 */
public final class Palette {
    private static final int[] RGB = new int[256];

    static {
        for (int id = 0; id < 256; id++) {
            int r = 0;
            int g = 0;
            int b = 0;
            int c = id;
            for (int j = 0; j < 8; j++) {
                r |= ((c >> 0) & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            RGB[id] = (r << 16) | (g << 8) | b;
        }
    }

    private Palette() {
    }

    /** The color of a class as 0xRRGGBB. */
    public static int rgb(long classId) {
        return RGB[(int) Math.floorMod(classId, 256L)];
    }

    /** The 256-entry color model of 8-bit palette PNGs. */
    static IndexColorModel colorModel() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) (RGB[i] >> 16);
            g[i] = (byte) (RGB[i] >> 8);
            b[i] = (byte) RGB[i];
        }
        return new IndexColorModel(8, 256, r, g, b);
    }
}
