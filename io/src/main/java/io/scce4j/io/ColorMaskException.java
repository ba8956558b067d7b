package io.scce4j.io;

import java.io.IOException;

/**
 * An RGB mask read without a way to turn its colors into classes ({@link MaskColors#grayOnly()}) has a pixel
 * that is not gray. {@link #problem()} names the file, the pixel and its color; the message adds what to do in
 * this library's terms, which a command line can replace with its own options.
 */
public final class ColorMaskException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String problem;

    ColorMaskException(String name, int row, int column, int rgb) {
        super(problemText(name, row, column, rgb) + "; read it with a palette (MaskColors.palette) or one channel "
                + "(MaskColors.channel)");
        this.problem = problemText(name, row, column, rgb);
    }

    private static String problemText(String name, int row, int column, int rgb) {
        return name + ": an RGB mask whose pixels are colors, not gray class values (row " + row + ", column "
                + column + " is " + ClassPalette.describe(rgb) + ")";
    }

    /** The file, the first colored pixel and its color, without advice. */
    public String problem() {
        return problem;
    }
}
