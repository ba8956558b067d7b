package io.scce4j.archfixture.eval;

/** Breaks: an evaluation that picks a backend, and parses command lines with picocli. */
public final class BadEvaluation {
    public Object backend() {
        return new io.scce4j.archfixture.backend.one.FirstBackend();
    }

    public Object commandLine(picocli.CommandLine cli) {
        return cli;
    }
}
