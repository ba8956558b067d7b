package io.scce4j.archfixture.conformance;

/** Breaks: the kit names a backend class. */
public final class BadKit {
    public Object backend() {
        return io.scce4j.archfixture.backend.two.SecondBackend.class;
    }
}
