package io.scce4j.archfixture.cli;

/** Breaks: the cli names a backend class. */
public final class BadCli {
    public Object backend() {
        return io.scce4j.archfixture.backend.one.FirstBackend.class;
    }
}
