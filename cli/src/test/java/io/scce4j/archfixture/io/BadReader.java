package io.scce4j.archfixture.io;

/** Breaks: a reader that uses the evaluation built on it. */
public final class BadReader {
    public Object evaluation() {
        return new io.scce4j.archfixture.eval.BadEvaluation();
    }
}
