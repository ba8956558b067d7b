package io.scce4j.spark;

import java.io.IOException;

/**
 * An image could not be evaluated (an unreadable or malformed file, a label out of range, a prediction with
 * other classes than the first), and the evaluation does not skip bad images. The message is the one line that
 * {@code scce4j eval} prints for the same file after {@code scce4j: error: }.
 */
public final class BadImageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String image;

    /** The error of image {@code image}, in one line. */
    public BadImageException(String image, String message) {
        super(message);
        this.image = image;
    }

    /** The image's name (its mask's file name, or its row's id). */
    public String image() {
        return image;
    }
}
