package io.scce4j.cli;

/** The exit statuses of {@code scce4j}, listed in every command's help. */
final class ExitCodes {
    static final int OK = 0;
    /** A comparison or conformance check failed, or an internal error. */
    static final int FAILED = 1;
    /** The command line is wrong. */
    static final int USAGE = 2;
    /** An input is unreadable, malformed, of the wrong shape, or has a label out of range. */
    static final int BAD_INPUT = 3;
    /** The backend asked for is missing or cannot run here. */
    static final int BACKEND_UNAVAILABLE = 4;

    static final String[] LIST = {
        "0:Success.",
        "1:A comparison failed (or an internal error).",
        "2:Usage error: unknown or invalid option.",
        "3:Bad input: unreadable or malformed file, wrong shape, label out of range.",
        "4:Backend missing or unavailable.",
    };

    private ExitCodes() {
    }
}
