package io.scce4j.io;

import java.io.IOException;

/**
 * A file that is not a valid NumPy {@code .npy} file, or {@code .npz} archive, of a supported kind. The message is
 * one line naming the file, what is wrong and what is valid.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, the problem and what is valid */
    public NpyFormatException(String message) {
        super(message);
    }
}
