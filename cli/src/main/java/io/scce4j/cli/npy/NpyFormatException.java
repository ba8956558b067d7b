package io.scce4j.cli.npy;

import java.io.IOException;

/** A file that is not a valid NumPy {@code .npy} file of a supported kind. The message is one line. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, the problem and what is valid */
    public NpyFormatException(String message) {
        super(message);
    }
}
