package io.scce4j.eval;

import java.nio.file.Path;

/**
 * A mask and the prediction for it.
 *
 * @param name the image's name in results and reports: the mask's file name
 * @param mask the ground-truth labels (PNG, {@code .npy} or {@code .npz})
 * @param prediction the model's output {@code [H, W, C]} ({@code .npy} or {@code .npz})
 */
public record ImagePair(String name, Path mask, Path prediction) {
    /** The pair named after its mask's file name. */
    public static ImagePair of(Path mask, Path prediction) {
        return new ImagePair(mask.getFileName().toString(), mask, prediction);
    }
}
