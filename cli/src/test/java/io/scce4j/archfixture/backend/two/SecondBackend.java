package io.scce4j.archfixture.backend.two;

/** Breaks: depends back on the first backend. */
public final class SecondBackend {
    public Object back() {
        return new io.scce4j.archfixture.backend.one.FirstBackend();
    }
}
