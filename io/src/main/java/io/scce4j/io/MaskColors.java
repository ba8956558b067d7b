package io.scce4j.io;

import java.util.Objects;

/**
 * How the pixels of an RGB(A) mask PNG become classes. Gray masks (value = class) and palette masks (index =
 * class) need none of this, except that a {@linkplain #palette palette} maps every mask by its colors.
 * <ul>
 *   <li>{@link #grayOnly()}, the default: an RGB mask whose pixels are all gray ({@code r == g == b}) reads as
 *   gray; one with a colored pixel is refused with a {@link ColorMaskException} naming the pixel;</li>
 *   <li>{@link #channel(MaskChannel)}: the class is one channel's value (CARLA keeps it in red);</li>
 *   <li>{@link #palette(ClassPalette)}: the class is the color's line in a palette (the VOC colormap, say).</li>
 * </ul>
 * <pre>{@code
 * Tensor voc = PngMasks.read(Path.of("2007_000032.png"), MaskColors.palette(ClassPalette.voc()));
 * Tensor carla = PngMasks.read(Path.of("carla/0001.png"), MaskColors.channel(MaskChannel.red));
 * }</pre>
 */
public final class MaskColors {
    private static final MaskColors GRAY_ONLY = new MaskColors(null, null);

    private final MaskChannel channel;
    private final ClassPalette palette;

    private MaskColors(MaskChannel channel, ClassPalette palette) {
        this.channel = channel;
        this.palette = palette;
    }

    /** RGB masks must be gray; a colored pixel is an error that names it. */
    public static MaskColors grayOnly() {
        return GRAY_ONLY;
    }

    /** The class is the value of {@code channel} in RGB masks. */
    public static MaskColors channel(MaskChannel channel) {
        return new MaskColors(Objects.requireNonNull(channel, "channel"), null);
    }

    /** The class is the index of the pixel's color in {@code palette}, for every kind of mask. */
    public static MaskColors palette(ClassPalette palette) {
        return new MaskColors(null, Objects.requireNonNull(palette, "palette"));
    }

    /** The channel, or null. */
    MaskChannel channelOrNull() {
        return channel;
    }

    /** The palette, or null. */
    ClassPalette paletteOrNull() {
        return palette;
    }

    @Override
    public String toString() {
        return palette != null ? "palette " + palette : channel != null ? "channel " + channel : "gray only";
    }
}
