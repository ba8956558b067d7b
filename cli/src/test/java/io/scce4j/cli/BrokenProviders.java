package io.scce4j.cli;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.discovery.Backends;
import io.scce4j.spi.BackendProvider;
import java.util.Set;

/** Backends with one deliberate mistake each, for the conformance command's tests. */
final class BrokenProviders {
    private BrokenProviders() {
    }

    /**
     * Divides a mean over ignored labels by every element instead of the valid ones, and claims
     * {@code Tolerance.of(10, 10)}: what the kit passed before it had a maximum (Keras 3 only, no gradient).
     */
    static BackendProvider wrongDivisorClaimingTen() {
        return provider("wrong-divisor", Tolerance.of(10, 10), true);
    }

    /** Correct numbers, but keeps working after close(). */
    static BackendProvider neverCloses() {
        return provider("never-closes", null, false);
    }

    private static BackendProvider provider(String id, Tolerance claim, boolean wrongDivisor) {
        return new BackendProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public Backend create(BackendSettings settings) {
                return backend(id, claim, wrongDivisor);
            }
        };
    }

    private static Backend backend(String id, Tolerance claim, boolean wrongDivisor) {
        Backend cpu = Backends.load("cpu");
        return new Backend() {
            private volatile boolean closed;

            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public String device() {
                return cpu.device();
            }

            @Override
            public Set<Capability> capabilities() {
                return wrongDivisor ? Set.of() : cpu.capabilities(); // the wrong divisor: Keras 3 only, as in issue 14
            }

            @Override
            public Tolerance tolerance() {
                return claim != null ? claim : cpu.tolerance();
            }

            @Override
            public SparseCategoricalCrossentropy loss(LossOptions o) {
                SparseCategoricalCrossentropy real = cpu.loss(o);
                if (!wrongDivisor || o.reduction() != Reduction.SUM_OVER_BATCH_SIZE || !o.ignoreClass().isSet()) {
                    return real;
                }
                SparseCategoricalCrossentropy sum = cpu.loss(o.toBuilder().reduction(Reduction.SUM).build());
                return new SparseCategoricalCrossentropy() {
                    @Override
                    public LossOptions options() {
                        return o;
                    }

                    @Override
                    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor w) {
                        real.compute(yTrue, yPred, w); // Keras's validation
                        int total = (int) (yPred.size() / yPred.shape().dim(-1));
                        return Tensor.scalar((float) (sum.compute(yTrue, yPred, w).getDouble(0) / total));
                    }

                    @Override
                    public LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor w) {
                        return real.computeWithGradient(yTrue, yPred, w);
                    }
                };
            }

            @Override
            public MaskPredictor predictor() {
                return cpu.predictor();
            }

            @Override
            public void close() {
                closed = true; // and forgets to release or refuse anything: the mistake of never-closes
                if (wrongDivisor) {
                    cpu.close();
                }
            }
        };
    }
}
