package io.scce4j.spark;

import io.scce4j.api.InvalidInputException;
import io.scce4j.discovery.BackendSelectionException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The one-line errors of the {@code scce4j} command ({@code io.scce4j.cli.Main}), word for word. */
final class Messages {
    private Messages() {
    }

    /** What {@code scce4j} prints after {@code scce4j: error: } for {@code e}. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "cannot read " + ((NoSuchFileException) e).getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot access " + ((AccessDeniedException) e).getFile() + ": permission denied";
        }
        if (e instanceof InvalidInputException || e instanceof IOException
                || e instanceof BackendSelectionException || e instanceof UnsupportedOperationException) {
            return oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return "internal error: " + oneLine(e.toString()) + " (run with --verbose for the stack trace)";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
