package io.scce4j.eval;

import io.scce4j.io.ArrayFiles;
import java.io.Serializable;
import java.util.Comparator;

/**
 * One image's numbers.
 *
 * @param name the image's name (its mask's file name when pairing files)
 * @param pixels all pixels of the mask
 * @param validPixels the pixels not of the ignored class
 * @param lossSum the loss summed over the valid pixels ({@code Reduction.SUM}), as the backend computed it
 * @param correctPixels the valid pixels predicted right
 */
public record ImageResult(String name, long pixels, long validPixels, double lossSum, long correctPixels)
        implements Serializable {
    /**
     * The order images are listed in, whatever order they were evaluated or combined in: by name without
     * extension, as {@link ImagePairs} pairs them, then by the rest.
     */
    public static final Comparator<ImageResult> LISTING_ORDER = Comparator
            .comparing((ImageResult r) -> ArrayFiles.stem(r.name()))
            .thenComparing(ImageResult::name)
            .thenComparingLong(ImageResult::pixels)
            .thenComparingLong(ImageResult::validPixels)
            .thenComparingDouble(ImageResult::lossSum)
            .thenComparingLong(ImageResult::correctPixels);

    /** The loss over this image's valid pixels; 0 when none is valid. */
    public double meanLoss() {
        return validPixels == 0 ? 0 : lossSum / validPixels;
    }

    /** The share of valid pixels predicted right; 0 when none is valid. */
    public double accuracy() {
        return validPixels == 0 ? 0 : (double) correctPixels / validPixels;
    }
}
