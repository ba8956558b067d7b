package io.scce4j.conformance;

/** What the cpu backend claims against Keras (see the README's conformance table). */
final class CpuTolerance {
    static final Tolerance DECLARED = Tolerance.of(0, 4e-6);

    private CpuTolerance() {
    }
}
