package io.scce4j.spark;

import java.io.Serializable;

/**
 * An image left out of an evaluation that skips bad images, and why.
 *
 * @param name the image's name (its mask's file name, or its row's id)
 * @param error the one-line error {@code scce4j eval} would have ended with
 */
public record SkippedImage(String name, String error) implements Serializable {
}
